import type Database from 'better-sqlite3';
import type { NodeRunPreview, NodeRunRecord, NodeStatus, OutputSource } from '@switchyard/engine';
import type { Failure, Json } from '@switchyard/schema';
import { fromNullableJsonColumn, toNullableJsonColumn } from '../json-column.js';
import { REF_PREFIX } from './run-values.js';
import type { RunValuesTable } from './run-values.js';

interface NodeRunRow {
  run_id: string;
  node_id: string;
  status: string;
  source: string | null;
  epoch: number;
  input: string | null;
  output: string | null;
  params: string | null;
  error: string | null;
  started_at: number | null;
  finished_at: number | null;
  next_attempt_at: number | null;
  deferred_until: number | null;
  handle: string | null;
  handles: string | null;
  last_attempt: number;
  tries: number;
  interruptions: number;
  completed_seq: number | null;
  fallback_index: number | null;
  exhausted_failure: string | null;
}

function toRow(node: NodeRunRecord, values: RunValuesTable): NodeRunRow {
  return {
    run_id: node.runId,
    node_id: node.nodeId,
    status: node.status,
    source: node.source,
    epoch: node.epoch,
    input: storeNullable(values, toNullableJsonColumn(node.input)),
    output: storeNullable(values, toNullableJsonColumn(node.output)),
    params: toNullableJsonColumn(node.params),
    error: toNullableJsonColumn(node.error),
    started_at: node.startedAt,
    finished_at: node.finishedAt,
    next_attempt_at: node.nextAttemptAt,
    deferred_until: node.deferredUntil,
    handle: node.handle,
    handles: toNullableJsonColumn(node.handles),
    last_attempt: node.lastAttempt,
    tries: node.tries,
    interruptions: node.interruptions,
    completed_seq: node.completedSeq,
    fallback_index: node.fallbackIndex,
    exhausted_failure: toNullableJsonColumn(node.exhaustedFailure),
  };
}

function fromRow(row: NodeRunRow, values: RunValuesTable): NodeRunRecord {
  return {
    runId: row.run_id,
    nodeId: row.node_id,
    status: row.status as NodeStatus,
    source: row.source as OutputSource | null,
    epoch: row.epoch,
    input: fromNullableJsonColumn<Json>(loadNullable(values, row.input)),
    output: fromNullableJsonColumn<Json>(loadNullable(values, row.output)),
    params: fromNullableJsonColumn<Json>(row.params),
    error: fromNullableJsonColumn<Failure>(row.error),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    nextAttemptAt: row.next_attempt_at,
    deferredUntil: row.deferred_until,
    handle: row.handle,
    handles: fromNullableJsonColumn<string[]>(row.handles),
    lastAttempt: row.last_attempt,
    tries: row.tries,
    interruptions: row.interruptions,
    completedSeq: row.completed_seq,
    fallbackIndex: row.fallback_index,
    exhaustedFailure: fromNullableJsonColumn<Failure>(row.exhausted_failure),
  };
}

export interface NodeRunsTable {
  /** Fails on a (run, node) pair that exists. */
  insert(node: NodeRunRecord): void;
  upsert(node: NodeRunRecord): void;
  /** Ordered by node id: a stable order; callers that want the workflow's order apply it. */
  listByRun(runId: string): NodeRunRecord[];
  /** As listByRun, a large value longer than `maxChars` as the start of its text instead. */
  listPreviewsByRun(runId: string, maxChars: number): NodeRunPreview[];
}

const COLUMNS =
  'run_id, node_id, status, source, epoch, input, output, params, error, started_at, finished_at, next_attempt_at, ' +
  'deferred_until, handle, handles, last_attempt, tries, interruptions, completed_seq, fallback_index, exhausted_failure';
const VALUES =
  '@run_id, @node_id, @status, @source, @epoch, @input, @output, @params, @error, @started_at, @finished_at, ' +
  '@next_attempt_at, @deferred_until, @handle, @handles, @last_attempt, @tries, @interruptions, @completed_seq, @fallback_index, ' +
  '@exhausted_failure';

function storeNullable(values: RunValuesTable, json: string | null): string | null {
  return json === null ? null : values.store(json);
}

function loadNullable(values: RunValuesTable, column: string | null): string | null {
  return column === null ? null : values.load(column);
}

export function prepareNodeRunsTable(db: Database.Database, values: RunValuesTable): NodeRunsTable {
  const insert = db.prepare<NodeRunRow>(`INSERT INTO node_runs (${COLUMNS}) VALUES (${VALUES})`);
  const upsert = db.prepare<NodeRunRow>(
    `INSERT INTO node_runs (${COLUMNS}) VALUES (${VALUES})
     ON CONFLICT (run_id, node_id) DO UPDATE SET
       status = excluded.status, source = excluded.source, epoch = excluded.epoch, input = excluded.input,
       output = excluded.output, params = excluded.params, error = excluded.error, started_at = excluded.started_at,
       finished_at = excluded.finished_at, next_attempt_at = excluded.next_attempt_at,
       deferred_until = excluded.deferred_until, handle = excluded.handle, handles = excluded.handles,
       last_attempt = excluded.last_attempt,
       tries = excluded.tries, interruptions = excluded.interruptions, completed_seq = excluded.completed_seq,
       fallback_index = excluded.fallback_index, exhausted_failure = excluded.exhausted_failure`,
  );
  const listByRun = db.prepare<[string], NodeRunRow>(
    `SELECT ${COLUMNS} FROM node_runs WHERE run_id = ? ORDER BY node_id`,
  );
  // A large value's start, cut in SQLite: the viewer's preview never parses megabytes.
  const cutOf = (column: 'input' | 'output'): string =>
    `CASE WHEN substr(${column}, 1, ${REF_PREFIX.length}) = '${REF_PREFIX}' THEN
       (SELECT CASE WHEN @max <= length(head) THEN substr(head, 1, @max) ELSE substr(json, 1, @max) END
        FROM run_values WHERE hash = substr(${column}, ${REF_PREFIX.length + 1}) AND chars > @max)
     WHEN length(${column}) > @max THEN substr(${column}, 1, @max) END AS ${column}_cut`;
  const listPreviews = db.prepare<{ runId: string; max: number }, NodeRunRow & { input_cut: string | null; output_cut: string | null }>(
    `SELECT ${COLUMNS}, ${cutOf('input')}, ${cutOf('output')} FROM node_runs WHERE run_id = @runId ORDER BY node_id`,
  );

  return {
    insert: (node) => {
      insert.run(toRow(node, values));
    },
    upsert: (node) => {
      upsert.run(toRow(node, values));
    },
    listByRun: (runId) => listByRun.all(runId).map((row) => fromRow(row, values)),
    listPreviewsByRun: (runId, maxChars) =>
      listPreviews.all({ runId, max: maxChars }).map((row) => {
        const cut: NodeRunPreview['cut'] = {};
        if (row.input_cut !== null) cut.input = row.input_cut;
        if (row.output_cut !== null) cut.output = row.output_cut;
        const node = fromRow({ ...row, input: row.input_cut === null ? row.input : null, output: row.output_cut === null ? row.output : null }, values);
        return { node, cut };
      }),
  };
}
