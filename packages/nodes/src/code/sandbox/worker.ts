import { parentPort } from 'node:worker_threads';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { QuickJSSyncVariant } from 'quickjs-emscripten-core';
import { INTERRUPT_FLAG } from './protocol.js';
import type { SandboxJob, WorkerReply } from './protocol.js';
import { runInVm } from './run-in-vm.js';

// A sandbox worker: loads the QuickJS WebAssembly module once, then runs one job at a time, each in
// a fresh runtime. The VM polls the shared interrupt flag, which the pool sets at the time limit.
const port = parentPort;
if (port === null) throw new Error('the code sandbox worker runs only as a worker thread');
const quickjs = await newQuickJSWASMModuleFromVariant(releaseSync as unknown as QuickJSSyncVariant);
port.on('message', (job: SandboxJob) => {
  const flag = new Int32Array(job.interrupt);
  // The time limit counts from here, not from the worker's start (loading the module takes a while).
  port.postMessage({ started: true });
  const run = runInVm(quickjs, job, () => Atomics.load(flag, INTERRUPT_FLAG) === 1);
  const reply: WorkerReply = { started: false, outcome: run.outcome, recycle: !run.disposedCleanly };
  port.postMessage(reply);
});
