/**
 * The run answers of http-api.md "Runs", as the browser receives them (times are ISO strings).
 * Declared here rather than imported from the engine: the web app depends on the server only
 * through the JSON it sends, and these shapes are the spec's, not the engine's records.
 */
import { TERMINAL_RUN_STATUSES } from '@switchyard/schema/statuses';
import type { AttemptOutcome, NodeStatus, RunStatus } from '@switchyard/schema/statuses';

// The status words are the spec's, declared once in the schema package (no zod on this path).
export { RUN_STATUSES, TERMINAL_RUN_STATUSES, RESUMABLE_RUN_STATUSES, NODE_STATUSES, OUTPUT_NODE_STATUSES } from '@switchyard/schema/statuses';
export type { RunStatus, NodeStatus, AttemptOutcome } from '@switchyard/schema/statuses';

export function isLiveRun(status: RunStatus): boolean {
  return !TERMINAL_RUN_STATUSES.has(status);
}

/** A JSON value as the server sends it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface RunFailure {
  category: string;
  message: string;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** When `truncated`, the body in a run answer is the first 64 KiB of its JSON text, as a string. */
  body: JsonValue;
  truncated: boolean;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: JsonValue;
  truncated: boolean;
}

export interface Attempt {
  number: number;
  epoch: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** The wait the engine scheduled before this attempt (docs/engine.md); absent from older servers. */
  delayBeforeMs?: number;
  outcome: AttemptOutcome | null;
  error: RunFailure | null;
  request: RecordedRequest | null;
  response: RecordedResponse | null;
}

export interface NodeCompensation {
  nodeId: string;
  status: string;
}

export interface RunNode {
  nodeId: string;
  status: NodeStatus;
  /** `"self"`, `"fallback:<nodeId>"`, `"last_known_good"`, or null before an output exists. */
  source: string | null;
  epoch: number;
  input: JsonValue;
  output: JsonValue;
  inputTruncated?: boolean;
  outputTruncated?: boolean;
  error: RunFailure | null;
  startedAt: string | null;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  deferredUntil: string | null;
  handle: string | null;
  /** Every output chosen, when the node chose several (a `switch` in mode `all`). */
  handles?: string[];
  compensation: NodeCompensation | null;
  attempts: Attempt[];
}

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  degraded: boolean;
  trigger: { kind: string };
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunDetail extends Omit<RunSummary, 'trigger'> {
  /** The trigger data in full, redacted as in workflow-format.md. */
  trigger: { kind: string; [key: string]: JsonValue };
  nodes: RunNode[];
}

export type RunCounts = Record<RunStatus | 'degraded', number>;

/** How far back run history goes under the retention settings (GET /api/runs `history`). */
export interface RunHistory {
  oldestRunAt: string | null;
  prunedRuns: Record<string, number>;
  prunedThrough: string | null;
  retention: {
    succeededMaxAgeMs: number | null;
    failedMaxAgeMs: number | null;
    needsAttentionMaxAgeMs: number | null;
    testMaxAgeMs: number | null;
    maxRunsPerWorkflow: number | null;
    diskBudgetBytes: number | null;
  };
}

export interface RunList {
  items: RunSummary[];
  nextCursor: string | null;
  /** Absent from servers without retention. */
  history?: RunHistory;
}
