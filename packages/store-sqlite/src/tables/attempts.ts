import type Database from 'better-sqlite3';
import type { AttemptOutcome, AttemptRecord, RecordedRequest, RecordedResponse } from '@switchyard/engine';
import type { Failure } from '@switchyard/schema';
import { fromNullableJsonColumn, toNullableJsonColumn } from '../json-column.js';

interface AttemptRow {
  run_id: string;
  node_id: string;
  number: number;
  epoch: number;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  outcome: string | null;
  error: string | null;
  delay_before_ms: number;
  request: string | null;
  response: string | null;
}

function toRow(attempt: AttemptRecord): AttemptRow {
  return {
    run_id: attempt.runId,
    node_id: attempt.nodeId,
    number: attempt.number,
    epoch: attempt.epoch,
    started_at: attempt.startedAt,
    finished_at: attempt.finishedAt,
    duration_ms: attempt.durationMs,
    outcome: attempt.outcome,
    error: toNullableJsonColumn(attempt.error),
    delay_before_ms: attempt.delayBeforeMs,
    request: toNullableJsonColumn(attempt.request),
    response: toNullableJsonColumn(attempt.response),
  };
}

function fromRow(row: AttemptRow): AttemptRecord {
  return {
    runId: row.run_id,
    nodeId: row.node_id,
    number: row.number,
    epoch: row.epoch,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    outcome: row.outcome as AttemptOutcome | null,
    error: fromNullableJsonColumn<Failure>(row.error),
    delayBeforeMs: row.delay_before_ms,
    request: fromNullableJsonColumn<RecordedRequest>(row.request),
    response: fromNullableJsonColumn<RecordedResponse>(row.response),
  };
}

export interface AttemptsTable {
  /**
   * Inserts the attempt, or updates it while the stored one is still open (finished_at IS NULL).
   * Answers false when the stored attempt is already finished: nothing was written (fencing).
   */
  write(attempt: AttemptRecord): boolean;
  /** Oldest first: by start time, then attempt number. */
  list(runId: string, nodeId?: string): AttemptRecord[];
  listOpen(runId: string): AttemptRecord[];
}

const COLUMNS =
  'run_id, node_id, number, epoch, started_at, finished_at, duration_ms, outcome, error, delay_before_ms, request, response';

export function prepareAttemptsTable(db: Database.Database): AttemptsTable {
  // One statement decides insert-or-fenced-update, so no read-then-write race exists even across processes.
  const write = db.prepare<AttemptRow>(
    `INSERT INTO attempts (${COLUMNS})
     VALUES (@run_id, @node_id, @number, @epoch, @started_at, @finished_at, @duration_ms, @outcome, @error,
             @delay_before_ms, @request, @response)
     ON CONFLICT (run_id, node_id, number) DO UPDATE SET
       epoch = excluded.epoch, started_at = excluded.started_at, finished_at = excluded.finished_at,
       duration_ms = excluded.duration_ms, outcome = excluded.outcome, error = excluded.error,
       delay_before_ms = excluded.delay_before_ms, request = excluded.request, response = excluded.response
     WHERE attempts.finished_at IS NULL`,
  );
  const listByRun = db.prepare<[string], AttemptRow>(
    `SELECT ${COLUMNS} FROM attempts WHERE run_id = ? ORDER BY started_at, number, node_id`,
  );
  const listByNode = db.prepare<[string, string], AttemptRow>(
    `SELECT ${COLUMNS} FROM attempts WHERE run_id = ? AND node_id = ? ORDER BY number`,
  );
  const listOpen = db.prepare<[string], AttemptRow>(
    `SELECT ${COLUMNS} FROM attempts WHERE run_id = ? AND finished_at IS NULL ORDER BY started_at, number, node_id`,
  );

  return {
    write: (attempt) => write.run(toRow(attempt)).changes === 1,
    list: (runId, nodeId) => (nodeId === undefined ? listByRun.all(runId) : listByNode.all(runId, nodeId)).map(fromRow),
    listOpen: (runId) => listOpen.all(runId).map(fromRow),
  };
}
