import { Worker } from 'node:worker_threads';
import { INTERRUPT_FLAG } from './protocol.js';
import type { SandboxErrorKind, SandboxLimits, SandboxLogs, SandboxOutcome, SandboxScope, WorkerMessage } from './protocol.js';

/** The pool's settings; the server reads `workers` from SWITCHYARD_CODE_WORKERS (docs/security.md). */
export interface CodeSandboxOptions {
  /** Worker threads at most (each runs one execution at a time); further executions wait. Default 2. */
  workers?: number;
  limits?: Partial<SandboxLimits>;
  /** How long past the time limit a VM may take to notice its interrupt before its worker is terminated. */
  killGraceMs?: number;
}

export const CODE_SANDBOX_DEFAULTS = {
  workers: 2,
  limits: { memoryBytes: 64 * 1024 * 1024, stackBytes: 256 * 1024, outputBytes: 4 * 1024 * 1024, logBytes: 64 * 1024 },
  killGraceMs: 1_000,
} as const;

export interface SandboxRequest {
  code: string;
  scope: SandboxScope;
  /** The VM is interrupted this long after it starts. */
  timeLimitMs: number;
  /** A signal that aborts `ms` from now (the engine's clock). */
  deadline(ms: number): AbortSignal;
  /** Aborts the whole call (the attempt's deadline, a cancel); a queued call leaves the queue. */
  signal: AbortSignal;
}

/** A pool-side failure besides the VM's own: the call never ran, or its worker was lost. */
export type PoolErrorKind = 'aborted_waiting' | 'aborted' | 'worker_lost' | 'closed';

export type SandboxResult = SandboxOutcome | { ok: false; kind: PoolErrorKind; message: string; logs: SandboxLogs };

export interface SandboxPoolStats {
  workers: number;
  busy: number;
  queued: number;
}

export interface CodeSandbox {
  run(request: SandboxRequest): Promise<SandboxResult>;
  stats(): SandboxPoolStats;
  /** Terminates the workers; calls waiting or running end with `closed`. */
  close(): Promise<void>;
}

const NO_LOGS: SandboxLogs = { lines: [], dropped: 0 };

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Waiting {
  request: SandboxRequest;
  resolve(result: SandboxResult): void;
  onAbort(): void;
}

/**
 * A bounded pool of worker threads running QuickJS: executions run off the server's event loop, at
 * most `workers` at once. Workers start on first use and are replaced when one is lost or killed.
 */
export function createCodeSandbox(options: CodeSandboxOptions = {}): CodeSandbox {
  const size = options.workers ?? CODE_SANDBOX_DEFAULTS.workers;
  if (!Number.isInteger(size) || size < 1) throw new Error(`code sandbox workers must be a whole number of at least 1, got ${size}`);
  const limits: SandboxLimits = { ...CODE_SANDBOX_DEFAULTS.limits, ...options.limits };
  const killGraceMs = options.killGraceMs ?? CODE_SANDBOX_DEFAULTS.killGraceMs;
  const slots: Slot[] = [];
  const queue: Waiting[] = [];
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker(), busy: false };
    slot.worker.unref();
    slots.push(slot);
    return slot;
  };
  const retire = (slot: Slot): void => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
  };
  const idleSlot = (): Slot | undefined => slots.find((s) => !s.busy) ?? (slots.length < size ? spawn() : undefined);

  const pump = (): void => {
    while (!closed && queue.length > 0) {
      const slot = idleSlot();
      if (!slot) return;
      const next = queue.shift()!;
      next.request.signal.removeEventListener('abort', next.onAbort);
      void execute(slot, next.request).then(next.resolve);
    }
  };

  const execute = (slot: Slot, request: SandboxRequest): Promise<SandboxResult> =>
    new Promise<SandboxResult>((resolve) => {
      slot.busy = true;
      slot.worker.ref();
      const interrupt = new SharedArrayBuffer(4);
      const flag = new Int32Array(interrupt);
      let settled = false;
      let stoppedByCaller = false;
      let killSignal: AbortSignal | undefined;
      const finish = (result: SandboxResult, replace: boolean): void => {
        if (settled) return;
        settled = true;
        timeLimit?.removeEventListener('abort', onTimeLimit);
        request.signal.removeEventListener('abort', onStop);
        killSignal?.removeEventListener('abort', onKill);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        if (replace || closed) retire(slot);
        else {
          slot.busy = false;
          slot.worker.unref();
        }
        resolve(result);
        pump();
      };
      let timeLimit: AbortSignal | undefined;
      const onMessage = (reply: WorkerMessage): void => {
        if (reply.started) {
          timeLimit = request.deadline(request.timeLimitMs);
          timeLimit.addEventListener('abort', onTimeLimit, { once: true });
          return;
        }
        // Stopped by its caller: the VM says "interrupted", the caller's reason is what counts.
        const outcome: SandboxResult = stoppedByCaller && !reply.outcome.ok ? { ...reply.outcome, kind: 'aborted' } : reply.outcome;
        finish(outcome, reply.recycle);
      };
      const onError = (error: Error): void => {
        const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish(outOfMemory ? failed('out_of_memory', 'the sandbox ran out of memory') : failed('worker_lost', 'the sandbox worker stopped unexpectedly'), true);
      };
      const onExit = (): void => finish(failed(closed ? 'closed' : 'worker_lost', closed ? 'the sandbox was closed' : 'the sandbox worker stopped unexpectedly'), true);
      // A VM that does not notice its interrupt in time (a long single operation) loses its worker.
      const onKill = (): void =>
        finish(stoppedByCaller ? failed('aborted', 'the call was stopped') : failed('interrupted', 'the code was stopped at its time limit'), true);
      const interruptNow = (): void => {
        Atomics.store(flag, INTERRUPT_FLAG, 1);
        if (killSignal === undefined) {
          killSignal = request.deadline(killGraceMs);
          killSignal.addEventListener('abort', onKill, { once: true });
        }
      };
      const onTimeLimit = (): void => interruptNow();
      const onStop = (): void => {
        interruptNow();
        stoppedByCaller = true;
      };
      request.signal.addEventListener('abort', onStop, { once: true });
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      if (request.signal.aborted) onStop();
      slot.worker.postMessage({ code: request.code, scope: request.scope, limits, interrupt });
    });

  return {
    run(request) {
      if (closed) return Promise.resolve(failed('closed', 'the sandbox is closed'));
      if (request.signal.aborted) return Promise.resolve(failed('aborted_waiting', 'the call was stopped before a sandbox was free'));
      return new Promise<SandboxResult>((resolve) => {
        const waiting: Waiting = {
          request,
          resolve,
          onAbort: () => {
            const index = queue.indexOf(waiting);
            if (index >= 0) queue.splice(index, 1);
            resolve(failed('aborted_waiting', 'the call was stopped before a sandbox was free'));
          },
        };
        request.signal.addEventListener('abort', waiting.onAbort, { once: true });
        queue.push(waiting);
        pump();
      });
    },
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.busy).length, queued: queue.length }),
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) {
        waiting.request.signal.removeEventListener('abort', waiting.onAbort);
        waiting.resolve(failed('closed', 'the sandbox was closed'));
      }
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}

function failed(kind: SandboxErrorKind | PoolErrorKind, message: string): SandboxResult {
  return { ok: false, kind, message, logs: NO_LOGS } as SandboxResult;
}

/**
 * From the built package the worker is `worker.js`; from sources (the package's own tests) it is
 * `worker.ts`, loaded through tsx's loader.
 */
function startWorker(): Worker {
  // The VM's memory is capped by QuickJS; this caps the worker's own JavaScript heap besides.
  const resourceLimits = { maxOldGenerationSizeMb: 96 };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { resourceLimits });
  const source = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`, { eval: true, resourceLimits });
}
