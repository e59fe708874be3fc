import type { AttemptRecord, NodeRunPreview, NodeRunRecord, RecordedRequest, RecordedResponse, RunRecord } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { iso, isoOrNull } from '../http/iso-time.js';

/** Bodies, inputs and outputs in a run answer are cut here; the full values have their own endpoints. */
export const CUT_BYTES = 64 * 1024;
/**
 * Live frames (`event: node`) carry a shorter start: one frame goes to every viewer, so its size
 * multiplies by their number; a viewer that shows more fetches the part from its endpoint.
 */
export const LIVE_CUT_BYTES = 4 * 1024;

/** A value cut to `maxBytes` of its JSON text: the text prefix (a string) when it is longer. */
export function cutValue(value: Json | null, maxBytes = CUT_BYTES): { value: Json | null; truncated: boolean } {
  if (value === null) return { value, truncated: false };
  // A long string's JSON text begins with the JSON text of its beginning: cut it first, instead of
  // copying megabytes to keep a few KiB (each character is at least one byte of the text).
  const text = typeof value === 'string' && value.length > maxBytes ? JSON.stringify(value.slice(0, maxBytes)) : JSON.stringify(value);
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return { value, truncated: false };
  return { value: Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8'), truncated: true };
}

/** The start of a value's JSON text, cut as `cutValue` cuts it. */
function cutText(text: string, maxBytes: number): { value: Json; truncated: true } {
  return { value: Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8'), truncated: true };
}

export function presentRunSummary(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowVersion: run.workflowVersion,
    status: run.status,
    degraded: run.degraded,
    mode: run.mode,
    trigger: { kind: run.trigger.kind },
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
  };
}

function presentExchange<T extends RecordedRequest | RecordedResponse>(recorded: T | null, maxBytes: number): (Omit<T, 'body'> & { body: Json | null }) | null {
  if (recorded === null) return null;
  const cut = cutValue(recorded.body, maxBytes);
  return { ...recorded, body: cut.value, truncated: recorded.truncated || cut.truncated };
}

export function presentAttempt(a: AttemptRecord, maxBytes = CUT_BYTES): Record<string, unknown> {
  return {
    number: a.number,
    epoch: a.epoch,
    startedAt: iso(a.startedAt),
    finishedAt: isoOrNull(a.finishedAt),
    durationMs: a.durationMs,
    delayBeforeMs: a.delayBeforeMs,
    outcome: a.outcome,
    error: a.error,
    request: presentExchange(a.request, maxBytes),
    response: presentExchange(a.response, maxBytes),
  };
}

/** A node of a run, as in the run answer and in `event: node`. */
export function presentNode(
  node: NodeRunRecord,
  attempts: AttemptRecord[],
  compensation: { nodeId: string; status: string } | null,
  /** Large values as the store cut them (`listNodeRunPreviews`): the start of their JSON text. */
  cut: NodeRunPreview['cut'] = {},
  /** How much of each value's JSON text to keep: CUT_BYTES in answers, LIVE_CUT_BYTES in frames. */
  maxBytes = CUT_BYTES,
): Record<string, unknown> {
  const input = cut.input === undefined ? cutValue(node.input, maxBytes) : cutText(cut.input, maxBytes);
  const output = cut.output === undefined ? cutValue(node.output, maxBytes) : cutText(cut.output, maxBytes);
  return {
    nodeId: node.nodeId,
    status: node.status,
    source: node.source,
    epoch: node.epoch,
    input: input.value,
    output: output.value,
    ...(input.truncated ? { inputTruncated: true } : {}),
    ...(output.truncated ? { outputTruncated: true } : {}),
    error: node.error,
    startedAt: isoOrNull(node.startedAt),
    finishedAt: isoOrNull(node.finishedAt),
    nextAttemptAt: isoOrNull(node.nextAttemptAt),
    deferredUntil: isoOrNull(node.deferredUntil),
    handle: node.handle,
    ...(node.handles ? { handles: node.handles } : {}),
    compensation,
    attempts: attempts.map((a) => presentAttempt(a, maxBytes)),
  };
}
