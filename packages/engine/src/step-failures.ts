// A step of a run that throws (an engine error, not a node's failure) is dropped and the run is
// reloaded from the store. When the same run keeps failing, reloading it forever would burn CPU
// without end (a poison run): these decisions bound it. Pure functions, so they are tested alone.

/** The step failures of one run in this process. */
export interface StepFailures {
  /** Failures that count against the run. */
  count: number;
  /** Reloads so far, whatever the cause (for the backoff). */
  waits: number;
  /** The nodes the failing steps were working on: what the failure is blamed on. */
  nodes: string[];
  /** The last error, short and without a stack. */
  message: string;
}

/** The longest recorded error message. */
export const STEP_FAILURE_MESSAGE_CHARS = 500;

const FIRST_RELOAD_MS = 1000;
const LONGEST_RELOAD_MS = 60_000;

/**
 * Whether the store could not commit for a reason outside the run (a full disk, another writer,
 * an I/O error): the step is retried with backoff, but it does not count against the run.
 */
export function isUnavailableStore(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|PROTOCOL|READONLY)/.test(code);
}

export function recordStepFailure(previous: StepFailures | undefined, stepNodes: readonly string[], err: unknown): StepFailures {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (isUnavailableStore(err)) {
    // Backed off like any failure, counted against nothing: the run is not what is broken.
    return { count: previous?.count ?? 0, nodes: previous?.nodes ?? [], message: previous?.message ?? text, waits: (previous?.waits ?? 0) + 1 };
  }
  return {
    waits: (previous?.waits ?? 0) + 1,
    count: (previous?.count ?? 0) + 1,
    nodes: [...new Set([...(previous?.nodes ?? []), ...stepNodes])],
    message: text.length > STEP_FAILURE_MESSAGE_CHARS ? `${text.slice(0, STEP_FAILURE_MESSAGE_CHARS - 1)}…` : text,
  };
}

/** How long to wait before reloading after the `count`th failure: 1 s, doubling, at most 60 s. */
export function reloadDelayMs(count: number): number {
  return Math.min(LONGEST_RELOAD_MS, FIRST_RELOAD_MS * 2 ** Math.max(0, count - 1));
}

/**
 * What to do when the run is reloaded: `retry` the step; after `maxFailures`, `fail_nodes` (the
 * blamed nodes fail and the run takes its failure path); if that fails too, `end_run` outright.
 */
export function poisonVerdict(count: number, maxFailures: number): 'retry' | 'fail_nodes' | 'end_run' {
  if (count < maxFailures) return 'retry';
  return count === maxFailures ? 'fail_nodes' : 'end_run';
}

export function poisonMessage(failures: StepFailures): string {
  return `the engine could not go on with this node: a step failed ${failures.count} times (${failures.message})`;
}
