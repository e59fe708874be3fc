import type Database from 'better-sqlite3';
import type { RunLease, TimerKind, TimerRecord } from '@switchyard/engine';
import { TERMINAL_RUN_STATUSES } from '@switchyard/engine';

const UNFINISHED = `status NOT IN (${[...TERMINAL_RUN_STATUSES].map((s) => `'${s}'`).join(', ')})`;

interface LeaseRow {
  id: string;
  lease_owner: string;
  lease_epoch: number;
  lease_until: number;
}

/**
 * Leases on runs. One process opens a SQLite file (its lock file sees to that), so there is no
 * other worker to exclude: every claim is granted, and raises the run's epoch, which still fences
 * out a driver the same process replaced (a run reloaded after a failed step).
 */
export interface RunLeasesTable {
  claimAll(owner: string, until: number, limit: number): RunLease[];
  claimOne(runId: string, owner: string, until: number): RunLease | undefined;
  renew(owner: string, runIds: readonly string[], until: number): string[];
  release(owner: string, runIds: readonly string[]): void;
  /** Whether `runId` is leased to `owner` at `epoch`. */
  holds(runId: string, owner: string, epoch: number): boolean;
  /** A run created already held: epoch 1. */
  grant(runId: string, owner: string, until: number): void;
  dueTimers(owner: string, now: number, limit: number): TimerRecord[];
}

export function prepareRunLeasesTable(db: Database.Database): RunLeasesTable {
  const claimAll = db.prepare<{ owner: string; until: number; limit: number }, LeaseRow>(
    `UPDATE runs SET lease_owner = @owner, lease_epoch = lease_epoch + 1, lease_until = @until
     WHERE id IN (SELECT id FROM runs WHERE ${UNFINISHED} ORDER BY created_at, id LIMIT @limit)
     RETURNING id, lease_owner, lease_epoch, lease_until`,
  );
  const claimOne = db.prepare<{ id: string; owner: string; until: number }, LeaseRow>(
    `UPDATE runs SET lease_owner = @owner, lease_epoch = lease_epoch + 1, lease_until = @until
     WHERE id = @id
     RETURNING id, lease_owner, lease_epoch, lease_until`,
  );
  const renew = db.prepare<{ id: string; owner: string; until: number }, { id: string }>(
    'UPDATE runs SET lease_until = @until WHERE id = @id AND lease_owner = @owner RETURNING id',
  );
  const release = db.prepare<{ id: string; owner: string }>(
    'UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner',
  );
  const holds = db.prepare<{ id: string; owner: string; epoch: number }, { one: number }>(
    'SELECT 1 AS one FROM runs WHERE id = @id AND lease_owner = @owner AND lease_epoch = @epoch',
  );
  const grant = db.prepare<{ id: string; owner: string; until: number }>(
    'UPDATE runs SET lease_owner = @owner, lease_epoch = 1, lease_until = @until WHERE id = @id',
  );
  const dueTimers = db.prepare<{ owner: string; now: number; limit: number }, { run_id: string; node_id: string; kind: string; due_at: number }>(
    `SELECT t.run_id, t.node_id, t.kind, t.due_at FROM timers t JOIN runs r ON r.id = t.run_id
     WHERE r.lease_owner = @owner AND t.due_at <= @now ORDER BY t.due_at, t.run_id, t.node_id LIMIT @limit`,
  );
  const toLease = (row: LeaseRow): RunLease => ({ runId: row.id, owner: row.lease_owner, epoch: row.lease_epoch, until: row.lease_until });
  return {
    claimAll: (owner, until, limit) =>
      claimAll
        .all({ owner, until, limit: Number.isFinite(limit) ? limit : -1 })
        .map(toLease)
        // Time-ordered ids: oldest first, whatever order RETURNING answers in.
        .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0)),
    claimOne: (id, owner, until) => {
      const row = claimOne.get({ id, owner, until });
      return row === undefined ? undefined : toLease(row);
    },
    renew: (owner, runIds, until) => runIds.filter((id) => renew.get({ id, owner, until }) !== undefined),
    release: (owner, runIds) => {
      for (const id of runIds) release.run({ id, owner });
    },
    holds: (id, owner, epoch) => holds.get({ id, owner, epoch }) !== undefined,
    grant: (id, owner, until) => {
      grant.run({ id, owner, until });
    },
    dueTimers: (owner, now, limit) =>
      dueTimers.all({ owner, now, limit }).map((r) => ({ runId: r.run_id, nodeId: r.node_id, kind: r.kind as TimerKind, dueAt: r.due_at })),
  };
}
