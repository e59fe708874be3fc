import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { Json } from '@switchyard/schema';
import { CODE_FILE_NAME, PRELUDE, wrapCode } from './prelude.js';
import type { SandboxErrorKind, SandboxJob, SandboxLogs, SandboxOutcome } from './protocol.js';

/** The prelude cuts lines at 4096 characters (plus an ellipsis); this guards the host all the same. */
const MAX_LINE_CHARS = 4_097;

export interface VmRun {
  outcome: SandboxOutcome;
  /** False when the VM could not be disposed cleanly (after out of memory, say): its worker is replaced. */
  disposedCleanly: boolean;
}

/**
 * Runs one job in a fresh QuickJS runtime with its own limits: nothing is shared between jobs.
 * `interrupted()` is polled by the VM while it runs; the host answers true once the time limit passed.
 */
export function runInVm(quickjs: QuickJSWASMModule, job: SandboxJob, interrupted: () => boolean): VmRun {
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(job.limits.memoryBytes);
  runtime.setMaxStackSize(job.limits.stackBytes);
  runtime.setInterruptHandler(interrupted);
  const vm = runtime.newContext();
  const logs = createLogSink(job.limits.logBytes);
  let outcome: SandboxOutcome;
  try {
    outcome = execute(vm, job, logs, interrupted);
  } catch (error) {
    // A failure of the VM itself (it could not allocate a handle, say), not of the code's logic.
    const message = error instanceof Error ? error.message : String(error);
    outcome = fail(classifyMessage(message, interrupted()), message, logs.value());
  }
  let disposedCleanly = true;
  try {
    vm.dispose();
    runtime.dispose();
  } catch {
    disposedCleanly = false;
  }
  return { outcome, disposedCleanly };
}

function execute(vm: QuickJSContext, job: SandboxJob, logs: LogSink, interrupted: () => boolean): SandboxOutcome {
  const writer = vm.newFunction('write', (levelHandle, lineHandle) => {
    logs.write(vm.getString(levelHandle), vm.getString(lineHandle));
  });
  vm.setProp(vm.global, '__switchyardLog', writer);
  writer.dispose();
  vm.newString(JSON.stringify(job.scope)).consume((scope) => vm.setProp(vm.global, '__switchyardScope', scope));

  const prelude = vm.evalCode(PRELUDE, 'prelude.js');
  if (prelude.error) {
    const message = describeError(vm, prelude.error);
    prelude.error.dispose();
    return fail(classifyMessage(message.message, interrupted()), message.message, logs.value());
  }
  const helpers = prelude.value;
  try {
    const evaluated = vm.evalCode(wrapCode(job.code), CODE_FILE_NAME);
    if (evaluated.error) return thrown(vm, evaluated.error, logs, interrupted);
    const promise = evaluated.value;
    try {
      const jobs = vm.runtime.executePendingJobs(-1);
      if (jobs.error) return thrown(vm, jobs.error, logs, interrupted);
      const state = vm.getPromiseState(promise);
      if (state.type === 'pending') {
        return fail('never_settled', 'the code awaited something that never settles (the sandbox has no timers, network or files)', logs.value());
      }
      if (state.type === 'rejected') return thrown(vm, state.error, logs, interrupted);
      return state.value.consume((value) => serialize(vm, helpers, value, job, logs, interrupted));
    } finally {
      promise.dispose();
    }
  } finally {
    helpers.dispose();
  }
}

function serialize(vm: QuickJSContext, helpers: QuickJSHandle, value: QuickJSHandle, job: SandboxJob, logs: LogSink, interrupted: () => boolean): SandboxOutcome {
  const called = vm.getProp(helpers, 'serialize').consume((fn) =>
    vm.newNumber(job.limits.outputBytes).consume((max) => vm.callFunction(fn, vm.undefined, value, max)),
  );
  if (called.error) return thrown(vm, called.error, logs, interrupted);
  const answer = called.value.consume((handle) => vm.dump(handle) as { text?: string; notJson?: string; tooLarge?: number });
  if (answer.notJson !== undefined) return fail('not_json', answer.notJson, logs.value());
  if (answer.tooLarge !== undefined || answer.text === undefined) return tooLarge(job, logs);
  if (Buffer.byteLength(answer.text) > job.limits.outputBytes) return tooLarge(job, logs);
  return { ok: true, output: JSON.parse(answer.text) as Json, logs: logs.value() };
}

function tooLarge(job: SandboxJob, logs: LogSink): SandboxOutcome {
  return fail('output_too_large', `the returned value is larger than ${job.limits.outputBytes} bytes as JSON`, logs.value());
}

function thrown(vm: QuickJSContext, errorHandle: QuickJSHandle, logs: LogSink, interrupted: () => boolean): SandboxOutcome {
  const error = errorHandle.consume((handle) => describeError(vm, handle));
  const kind = classifyMessage(error.message, interrupted());
  return fail(kind, error.message, logs.value(), kind === 'threw' ? error.line : undefined);
}

/** What the VM threw, as text and the author's line; never a host stack. */
function describeError(vm: QuickJSContext, handle: QuickJSHandle): { message: string; line?: number } {
  let dumped: unknown;
  try {
    dumped = vm.dump(handle);
  } catch {
    return { message: 'the code threw a value that cannot be read' };
  }
  if (dumped !== null && typeof dumped === 'object') {
    const { name, message, stack } = dumped as { name?: unknown; message?: unknown; stack?: unknown };
    const text = typeof message === 'string' ? (typeof name === 'string' && name !== '' ? `${name}: ${message}` : message) : JSON.stringify(dumped);
    const line = typeof stack === 'string' ? lineOf(stack) : undefined;
    return line === undefined ? { message: text } : { message: text, line };
  }
  return { message: `the code threw ${typeof dumped === 'string' ? dumped : JSON.stringify(dumped) ?? String(dumped)}` };
}

function lineOf(stack: string): number | undefined {
  const match = new RegExp(`${CODE_FILE_NAME.replace('.', '\\.')}:(\\d+)`).exec(stack);
  return match ? Number(match[1]) : undefined;
}

function classifyMessage(message: string, wasInterrupted: boolean): SandboxErrorKind {
  if (wasInterrupted || /\binterrupted\b/.test(message)) return 'interrupted';
  if (/out of memory/i.test(message)) return 'out_of_memory';
  if (/stack overflow|Maximum call stack/i.test(message)) return 'stack_overflow';
  return 'threw';
}

function fail(kind: SandboxErrorKind, message: string, logs: SandboxLogs, line?: number): SandboxOutcome {
  return line === undefined ? { ok: false, kind, message, logs } : { ok: false, kind, message, line, logs };
}

interface LogSink {
  write(level: string, line: string): void;
  value(): SandboxLogs;
}

/** console lines, kept until `capBytes` together; later ones are counted as dropped. */
function createLogSink(capBytes: number): LogSink {
  const lines: string[] = [];
  let bytes = 0;
  let dropped = 0;
  return {
    write(level, line) {
      const cut = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
      const text = level === 'log' ? cut : `[${level}] ${cut}`;
      const size = Buffer.byteLength(text) + 1;
      if (bytes + size > capBytes) {
        dropped += 1;
        return;
      }
      bytes += size;
      lines.push(text);
    },
    value: () => ({ lines: [...lines], dropped }),
  };
}
