import type { AttemptOutcome, BreakerState, Failure, IntegrationProtections, Json, NodeStatus, RunMode, RunStatus, Workflow } from '@switchyard/schema';

// The status words of semantics.md are the schema's (one list for the engine, the server and
// the web app); the records below are typed with them.
export { TERMINAL_RUN_STATUSES } from '@switchyard/schema';
export type { AttemptOutcome, NodeStatus, RunMode, RunStatus } from '@switchyard/schema';

/** Where a succeeded node's output came from: `self`, `fallback:<nodeId>` or `last_known_good`. */
export type OutputSource = 'self' | `fallback:${string}` | 'last_known_good';

/** `$trigger`: what started the run (webhook headers already redacted by the server). */
export type Trigger =
  | {
      kind: 'webhook';
      body: Json;
      headers: Record<string, string>;
      query: Record<string, string>;
      method: string;
      path: string;
      receivedAt: string;
    }
  | { kind: 'manual'; body: Json }
  | { kind: 'schedule'; firedAt: string };

/** Times are epoch milliseconds in records; the API renders them as ISO 8601. */
export interface RunRecord {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  degraded: boolean;
  /** forward: executing the graph; compensating: undoing; the run's status says how it ended. */
  phase: 'forward' | 'compensating' | 'ended';
  trigger: Trigger;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Why the run stopped going forward: the node that failed it, or a cancel. */
  stopReason: StopReason | null;
  /** Counts node completions; a node's `completedSeq` orders compensation (reverse completion). */
  completionSeq: number;
  /** A `test` run leaves every figure shared with production runs as it was (schema's RUN_MODES). */
  mode: RunMode;
}

export type StopReason =
  | { kind: 'node_failed'; nodeId: string; failure: Failure }
  | { kind: 'outcome_unknown'; nodeId: string }
  | { kind: 'cancelled'; compensate: boolean };

export interface NodeRunRecord {
  runId: string;
  nodeId: string;
  status: NodeStatus;
  source: OutputSource | null;
  /** Raised by one each time a resume makes the node act afresh; part of the default idempotency key. */
  epoch: number;
  input: Json | null;
  output: Json | null;
  /** Params as resolved for the successful attempt (`$compensating.params`). */
  params: Json | null;
  error: Failure | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** retrying: when the next attempt is due; running delay node: when it wakes. */
  nextAttemptAt: number | null;
  deferredUntil: number | null;
  handle: string | null;
  /** Every output chosen when the node chose several (a `switch` in mode `all`); null otherwise. */
  handles: string[] | null;
  /** The number of the latest attempt (attempt numbers count on across epochs). */
  lastAttempt: number;
  /** Attempts that count toward the retry edge's maxAttempts (interrupted ones do not). */
  tries: number;
  interruptions: number;
  completedSeq: number | null;
  /** While the fallback edges of this node are being tried: the index of the current one. */
  fallbackIndex: number | null;
  /** The failure that exhausted this node's own attempts (what fallbacks see as `$failure`). */
  exhaustedFailure: Failure | null;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Json | null;
  truncated: boolean;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Json | null;
  truncated: boolean;
}

export interface AttemptRecord {
  runId: string;
  nodeId: string;
  number: number;
  epoch: number;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  outcome: AttemptOutcome | null;
  error: Failure | null;
  /** Delay the engine waited before this attempt (0 for the first); shows backoff in history. */
  delayBeforeMs: number;
  request: RecordedRequest | null;
  response: RecordedResponse | null;
}

export type TimerKind = 'retry' | 'delay' | 'defer';

export interface TimerRecord {
  runId: string;
  nodeId: string;
  kind: TimerKind;
  dueAt: number;
}

export interface LastKnownGoodRecord {
  workflowId: string;
  nodeId: string;
  key: string;
  output: Json;
  updatedAt: number;
}

export interface IntegrationRecord {
  id: string;
  name: string;
  /** Stored without a trailing slash. */
  baseUrl: string;
  timeoutMs: number | null;
  credential: string | null;
  /** Breaker, bulkhead, rate limit and retry budget settings; absent ones take their defaults. */
  protections?: IntegrationProtections;
  createdAt: number;
  updatedAt: number;
}

/** A change of an integration's breaker state, stored so that it survives restarts and shows in health. */
export interface BreakerTransitionRecord {
  integrationId: string;
  at: number;
  from: BreakerState;
  to: BreakerState;
  /** Why, in words: "10 availability failures in a row", "cool-down over", "probe succeeded". */
  reason: string;
}

export interface StoredWorkflow {
  id: string;
  version: number;
  active: boolean;
  definition: Workflow;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  version: number;
  active: boolean;
  updatedAt: number;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  runId: string;
  /** The first delivery's answer, once known (webhooks replay it). */
  response: Json | null;
  createdAt: number;
}

/** Everything of one run as the engine needs it to continue. */
export interface RunSnapshot {
  run: RunRecord;
  nodes: NodeRunRecord[];
  /** Attempts with no outcome yet: in flight, or interrupted by a crash. */
  openAttempts: AttemptRecord[];
}

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
  degraded?: boolean;
  mode?: RunMode;
  since?: number;
  until?: number;
  limit: number;
  /** Opaque: the id of the last run of the previous page. */
  cursor?: string;
}
