/**
 * The status words of semantics.md, declared once: the engine's records, the server's run filters
 * and the web app's run views all read them from here. No imports, so a client loads them
 * without zod (`@switchyard/schema/statuses`).
 */

/** Run status of semantics.md. */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * How a run counts: a `test` run (started from the editor to try a workflow out) leaves the
 * integrations' breakers and retry budgets, last-known-good values, health figures, insights and
 * alerts as they were; everything else is `production`.
 */
export const RUN_MODES = ['production', 'test'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** Run statuses after which nothing changes until someone resumes the run. */
export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'succeeded',
  'failed',
  'compensated',
  'needs_attention',
  'cancelled',
]);

/** semantics.md "Resume": the statuses a run can be resumed from. */
export const RESUMABLE_RUN_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>(['failed', 'compensated', 'needs_attention', 'cancelled']);

/** Node status of semantics.md. */
export const NODE_STATUSES = [
  'pending',
  'running',
  'retrying',
  'deferred',
  'succeeded',
  'failed',
  'skipped',
  'compensating',
  'compensated',
  'compensation_failed',
  'cancelled',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** Statuses of a node that produced an output ($nodes holds it; its `next` edges can be live): an undone node had succeeded first. */
export const OUTPUT_NODE_STATUSES: ReadonlySet<NodeStatus> = new Set<NodeStatus>(['succeeded', 'compensating', 'compensated', 'compensation_failed']);

/** How one attempt of a node ended. */
export const ATTEMPT_OUTCOMES = ['succeeded', 'failed', 'interrupted', 'cancelled'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
