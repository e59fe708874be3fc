import type {
  AttemptRecord,
  LastKnownGoodRecord,
  NodeRunRecord,
  RunFilter,
  RunRecord,
  RunStatus,
  TimerRecord,
} from '@switchyard/engine';
import { decodeRunCursor, encodeRunCursor } from '@switchyard/engine';
import { RUN_STATUSES, TERMINAL_RUN_STATUSES } from '@switchyard/schema';
import { compareText, compositeKey } from './keys.js';

export type RunCounts = Record<RunStatus, number> & { degraded: number };

/** Newest first: (createdAt, id) descending, the order pages and cursors follow. */
function newestFirst(a: RunRecord, b: RunRecord): number {
  return b.createdAt - a.createdAt || compareText(b.id, a.id);
}

function oldestFirst(a: RunRecord, b: RunRecord): number {
  return -newestFirst(a, b);
}

function attemptOrder(a: AttemptRecord, b: AttemptRecord): number {
  return a.startedAt - b.startedAt || a.number - b.number || compareText(a.nodeId, b.nodeId);
}

function timerOrder(a: TimerRecord, b: TimerRecord): number {
  return a.dueAt - b.dueAt || compareText(a.runId, b.runId) || compareText(a.nodeId, b.nodeId);
}

/**
 * The rows of runs: run records, their node runs, attempts and timers, and last-known-good values.
 * Records are copied on the way in and out; the changeset module is the only writer.
 */
export class MemoryRuns {
  readonly #runs = new Map<string, RunRecord>();
  /** By run id, then node id. */
  readonly #nodes = new Map<string, Map<string, NodeRunRecord>>();
  /** By run id, then (node id, number). */
  readonly #attempts = new Map<string, Map<string, AttemptRecord>>();
  /** By (run id, node id): a node has at most one timer. */
  readonly #timers = new Map<string, TimerRecord>();
  readonly #lastKnownGood = new Map<string, LastKnownGoodRecord>();

  // Reads for validating a changeset before anything of it is written.

  hasRun(runId: string): boolean {
    return this.#runs.has(runId);
  }

  hasNode(runId: string, nodeId: string): boolean {
    return this.#nodes.get(runId)?.has(nodeId) === true;
  }

  /** Whether the stored attempt exists and is finished (a later write of it is stale). */
  attemptFinished(runId: string, nodeId: string, number: number): boolean | undefined {
    const stored = this.#attempts.get(runId)?.get(compositeKey(nodeId, number));
    return stored === undefined ? undefined : stored.finishedAt !== null;
  }

  // Writes.

  /** A run's id, workflowId, createdAt and trigger are fixed when it is created; the rest follows the record. */
  upsertRun(run: RunRecord): void {
    const stored = this.#runs.get(run.id);
    const next = structuredClone(run);
    if (stored !== undefined) {
      next.workflowId = stored.workflowId;
      next.createdAt = stored.createdAt;
      next.trigger = stored.trigger;
    }
    this.#runs.set(run.id, next);
  }

  upsertNode(node: NodeRunRecord): void {
    let nodes = this.#nodes.get(node.runId);
    if (nodes === undefined) {
      nodes = new Map();
      this.#nodes.set(node.runId, nodes);
    }
    nodes.set(node.nodeId, structuredClone(node));
  }

  /** Inserts or replaces; the changeset has checked that the stored attempt is still open. */
  writeAttempt(attempt: AttemptRecord): void {
    let attempts = this.#attempts.get(attempt.runId);
    if (attempts === undefined) {
      attempts = new Map();
      this.#attempts.set(attempt.runId, attempts);
    }
    attempts.set(compositeKey(attempt.nodeId, attempt.number), structuredClone(attempt));
  }

  setTimer(timer: TimerRecord): void {
    this.#timers.set(compositeKey(timer.runId, timer.nodeId), structuredClone(timer));
  }

  clearTimer(runId: string, nodeId: string): void {
    this.#timers.delete(compositeKey(runId, nodeId));
  }

  /** Keeps the newest: a write older than the stored value changes nothing. */
  upsertLastKnownGood(record: LastKnownGoodRecord): void {
    const key = compositeKey(record.workflowId, record.nodeId, record.key);
    const stored = this.#lastKnownGood.get(key);
    if (stored === undefined || record.updatedAt >= stored.updatedAt) this.#lastKnownGood.set(key, structuredClone(record));
  }

  // Reads.

  getRun(runId: string): RunRecord | undefined {
    const run = this.#runs.get(runId);
    return run === undefined ? undefined : structuredClone(run);
  }

  /** Ordered by node id. */
  listNodes(runId: string): NodeRunRecord[] {
    return [...(this.#nodes.get(runId)?.values() ?? [])].sort((a, b) => compareText(a.nodeId, b.nodeId)).map((n) => structuredClone(n));
  }

  /** A run's attempts by start time, then number; one node's by number. */
  listAttempts(runId: string, nodeId?: string): AttemptRecord[] {
    const all = [...(this.#attempts.get(runId)?.values() ?? [])];
    const chosen = nodeId === undefined ? all.sort(attemptOrder) : all.filter((a) => a.nodeId === nodeId).sort((a, b) => a.number - b.number);
    return chosen.map((a) => structuredClone(a));
  }

  listOpenAttempts(runId: string): AttemptRecord[] {
    return this.listAttempts(runId).filter((a) => a.finishedAt === null);
  }

  /** Soonest first. */
  listTimers(): TimerRecord[] {
    return [...this.#timers.values()].sort(timerOrder).map((t) => structuredClone(t));
  }

  getLastKnownGood(workflowId: string, nodeId: string, key: string): LastKnownGoodRecord | undefined {
    const record = this.#lastKnownGood.get(compositeKey(workflowId, nodeId, key));
    return record === undefined ? undefined : structuredClone(record);
  }

  /** Runs not in a terminal status, oldest first. */
  unfinishedRunIds(): string[] {
    return [...this.#runs.values()]
      .filter((run) => !TERMINAL_RUN_STATUSES.has(run.status))
      .sort(oldestFirst)
      .map((run) => run.id);
  }

  list(filter: RunFilter): { items: RunRecord[]; nextCursor: string | null } {
    if (!Number.isInteger(filter.limit) || filter.limit < 1) {
      throw new RangeError(`listRuns limit must be a positive integer, got ${filter.limit}`);
    }
    const after = filter.cursor === undefined ? undefined : decodeRunCursor(filter.cursor);
    const matching = [...this.#runs.values()]
      .filter((run) => matchesListFilter(run, filter))
      .filter((run) => after === undefined || run.createdAt < after.createdAt || (run.createdAt === after.createdAt && run.id < after.id))
      .sort(newestFirst);
    const items = matching.slice(0, filter.limit).map((run) => structuredClone(run));
    const last = items.at(-1);
    const nextCursor = matching.length > filter.limit && last !== undefined ? encodeRunCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  }

  count(filter: { workflowId?: string; since?: number }): RunCounts {
    // Every status, zero when none: a status added to the schema is counted without a change here.
    const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<RunStatus, number>;
    let degraded = 0;
    for (const run of this.#runs.values()) {
      if (filter.workflowId !== undefined && run.workflowId !== filter.workflowId) continue;
      if (filter.since !== undefined && run.createdAt < filter.since) continue;
      counts[run.status] += 1;
      if (run.degraded) degraded += 1;
    }
    return { ...counts, degraded };
  }
}

function matchesListFilter(run: RunRecord, filter: RunFilter): boolean {
  return (
    (filter.workflowId === undefined || run.workflowId === filter.workflowId) &&
    (filter.status === undefined || run.status === filter.status) &&
    (filter.degraded === undefined || run.degraded === filter.degraded) &&
    (filter.since === undefined || run.createdAt >= filter.since) &&
    (filter.until === undefined || run.createdAt < filter.until)
  );
}
