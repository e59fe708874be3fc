import type Database from 'better-sqlite3';
import type { RunFilter, RunMode, RunRecord, RunStatus, StopReason, Trigger } from '@switchyard/engine';
import { TERMINAL_RUN_STATUSES, decodeRunCursor, encodeRunCursor } from '@switchyard/engine';
import {
  fromBooleanColumn,
  fromJsonColumn,
  fromNullableJsonColumn,
  toBooleanColumn,
  toJsonColumn,
  toNullableJsonColumn,
} from '../json-column.js';
import type { RunValuesTable } from './run-values.js';

interface RunRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  status: string;
  degraded: number;
  phase: string;
  trigger: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  stop_reason: string | null;
  completion_seq: number;
  mode: string;
}

function toRow(run: RunRecord, values: RunValuesTable): RunRow {
  return {
    id: run.id,
    workflow_id: run.workflowId,
    workflow_version: run.workflowVersion,
    status: run.status,
    degraded: toBooleanColumn(run.degraded),
    phase: run.phase,
    trigger: values.store(toJsonColumn(run.trigger)),
    created_at: run.createdAt,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    stop_reason: toNullableJsonColumn(run.stopReason),
    completion_seq: run.completionSeq,
    mode: run.mode,
  };
}

function fromRow(row: RunRow, values: RunValuesTable): RunRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    status: row.status as RunStatus,
    degraded: fromBooleanColumn(row.degraded),
    phase: row.phase as RunRecord['phase'],
    trigger: fromJsonColumn<Trigger>(values.load(row.trigger)),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    stopReason: fromNullableJsonColumn<StopReason>(row.stop_reason),
    completionSeq: row.completion_seq,
    mode: row.mode as RunMode,
  };
}

type MutableRunRow = Omit<RunRow, 'trigger' | 'workflow_id' | 'created_at' | 'mode'>;

function toMutableRow(run: RunRecord): MutableRunRow {
  return {
    id: run.id,
    workflow_version: run.workflowVersion,
    status: run.status,
    degraded: toBooleanColumn(run.degraded),
    phase: run.phase,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    stop_reason: toNullableJsonColumn(run.stopReason),
    completion_seq: run.completionSeq,
  };
}

export type RunCounts = Record<RunStatus, number> & { degraded: number };

export interface RunsTable {
  /** Fails on an id that exists (the caller turns that into a conflict). */
  insert(run: RunRecord): void;
  /** A run's id, workflowId and createdAt are fixed when it is created; the rest follows the record. */
  upsert(run: RunRecord): void;
  exists(id: string): boolean;
  get(id: string): RunRecord | undefined;
  list(filter: RunFilter): { items: RunRecord[]; nextCursor: string | null };
  count(filter: { workflowId?: string; since?: number }): RunCounts;
  unfinishedIds(): string[];
}

const COLUMNS =
  'id, workflow_id, workflow_version, status, degraded, phase, trigger, created_at, started_at, finished_at, stop_reason, completion_seq, mode';
const VALUES =
  '@id, @workflow_id, @workflow_version, @status, @degraded, @phase, @trigger, @created_at, @started_at, @finished_at, @stop_reason, @completion_seq, @mode';

// Spelled out so the statement's WHERE matches the partial index runs_unfinished exactly.
const UNFINISHED = `status NOT IN (${[...TERMINAL_RUN_STATUSES].map((s) => `'${s}'`).join(', ')})`;

// A Record over RunStatus: a status added to the engine will not compile until it is counted.
const NO_RUNS: Readonly<Record<RunStatus, number>> = {
  queued: 0,
  running: 0,
  waiting: 0,
  succeeded: 0,
  failed: 0,
  compensated: 0,
  needs_attention: 0,
  cancelled: 0,
};

export function prepareRunsTable(db: Database.Database, values: RunValuesTable): RunsTable {
  const insert = db.prepare<RunRow>(`INSERT INTO runs (${COLUMNS}) VALUES (${VALUES})`);
  const upsert = db.prepare<RunRow>(
    `INSERT INTO runs (${COLUMNS}) VALUES (${VALUES})
     ON CONFLICT (id) DO UPDATE SET
       workflow_version = excluded.workflow_version, status = excluded.status, degraded = excluded.degraded,
       phase = excluded.phase, trigger = excluded.trigger, started_at = excluded.started_at,
       finished_at = excluded.finished_at, stop_reason = excluded.stop_reason, completion_seq = excluded.completion_seq`,
  );
  const update = db.prepare<MutableRunRow>(
    `UPDATE runs SET workflow_version = @workflow_version, status = @status, degraded = @degraded, phase = @phase,
       started_at = @started_at, finished_at = @finished_at, stop_reason = @stop_reason, completion_seq = @completion_seq
     WHERE id = @id`,
  );
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM runs WHERE id = ?');
  const get = db.prepare<[string], RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = ?`);
  const unfinished = db.prepare<[], { id: string }>(
    `SELECT id FROM runs WHERE ${UNFINISHED} ORDER BY created_at, id`,
  );
  // One statement per combination of filters, prepared on first use and kept.
  const listStatements = new Map<string, Database.Statement<Record<string, unknown>, RunRow>>();
  const countStatements = new Map<string, Database.Statement<Record<string, unknown>, CountRow>>();

  return {
    insert: (run) => {
      insert.run(toRow(run, values));
    },
    upsert: (run) => {
      // The hot path: an existing run's mutable fields, without re-serialising its trigger.
      if (update.run(toMutableRow(run)).changes === 0) upsert.run(toRow(run, values));
    },
    exists: (id) => exists.get(id) !== undefined,
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : fromRow(row, values);
    },
    list: (filter) => {
      if (!Number.isInteger(filter.limit) || filter.limit < 1) {
        throw new RangeError(`listRuns limit must be a positive integer, got ${filter.limit}`);
      }
      const params: Record<string, unknown> = { limit: filter.limit + 1 };
      const where: string[] = [];
      if (filter.workflowId !== undefined) {
        where.push('workflow_id = @workflowId');
        params.workflowId = filter.workflowId;
      }
      if (filter.status !== undefined) {
        where.push('status = @status');
        params.status = filter.status;
      }
      if (filter.degraded !== undefined) {
        where.push('degraded = @degraded');
        params.degraded = toBooleanColumn(filter.degraded);
      }
      if (filter.mode !== undefined) {
        where.push('mode = @mode');
        params.mode = filter.mode;
      }
      if (filter.since !== undefined) {
        where.push('created_at >= @since');
        params.since = filter.since;
      }
      if (filter.until !== undefined) {
        where.push('created_at < @until');
        params.until = filter.until;
      }
      if (filter.cursor !== undefined) {
        const cursor = decodeRunCursor(filter.cursor);
        where.push('(created_at, id) < (@cursorCreatedAt, @cursorId)');
        params.cursorCreatedAt = cursor.createdAt;
        params.cursorId = cursor.id;
      }
      const sql =
        `SELECT ${COLUMNS} FROM runs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}` +
        ' ORDER BY created_at DESC, id DESC LIMIT @limit';
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = db.prepare<Record<string, unknown>, RunRow>(sql);
        listStatements.set(sql, statement);
      }
      const rows = statement.all(params);
      const items = rows.slice(0, filter.limit).map((row) => fromRow(row, values));
      const last = items.at(-1);
      const nextCursor =
        rows.length > filter.limit && last !== undefined ? encodeRunCursor({ createdAt: last.createdAt, id: last.id }) : null;
      return { items, nextCursor };
    },
    count: (filter) => {
      const params: Record<string, unknown> = {};
      const where: string[] = [];
      if (filter.workflowId !== undefined) {
        where.push('workflow_id = @workflowId');
        params.workflowId = filter.workflowId;
      }
      if (filter.since !== undefined) {
        where.push('created_at >= @since');
        params.since = filter.since;
      }
      const sql =
        `SELECT status, COUNT(*) AS total, SUM(degraded) AS degraded FROM runs` +
        `${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY status`;
      let statement = countStatements.get(sql);
      if (statement === undefined) {
        statement = db.prepare<Record<string, unknown>, CountRow>(sql);
        countStatements.set(sql, statement);
      }
      const counts: Record<RunStatus, number> = { ...NO_RUNS };
      let degraded = 0;
      for (const row of statement.all(params)) {
        counts[row.status as RunStatus] = row.total;
        degraded += row.degraded;
      }
      return { ...counts, degraded };
    },
    unfinishedIds: () => unfinished.all().map((row) => row.id),
  };
}

interface CountRow {
  status: string;
  total: number;
  degraded: number;
}
