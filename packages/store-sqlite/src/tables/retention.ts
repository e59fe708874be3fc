import type Database from 'better-sqlite3';
import type { RunValuesTable } from './run-values.js';
import type { PruneReport, RetentionPolicy } from '@switchyard/schema';
import { PRUNABLE_RUN_STATUSES } from '@switchyard/schema';

/** The pruned-run totals kept per workflow and final status. */
export interface PrunedRunTotals {
  byStatus: Record<string, number>;
  /** Newest creation time among pruned runs, epoch ms; null when none was pruned. */
  newestCreatedAt: number | null;
}

export interface RetentionTables {
  /** Removes at most `limit` finished runs that `policy` no longer keeps (call inside a write transaction). */
  pruneBatch(policy: RetentionPolicy, now: number, limit: number): PruneReport;
  /** Hands up to `pages` free pages back to the file system; answers how many were free before. */
  vacuumStep(pages: number): number;
  /** Bytes of the file holding data (free pages not counted). */
  bytesInUse(): number;
  oldestRunCreatedAt(): number | null;
  prunedTotals(): PrunedRunTotals;
}

interface Candidate {
  id: string;
  workflow_id: string;
  status: string;
  degraded: number;
  created_at: number;
}

const list = (statuses: readonly string[]): string => statuses.map((s) => `'${s}'`).join(', ');
const ALL_FINISHED = list(PRUNABLE_RUN_STATUSES);
// needs_attention runs wait for a person: only their own age rule removes them.
const COUNTED = list(PRUNABLE_RUN_STATUSES.filter((s) => s !== 'needs_attention'));
// A run an idempotency key still points at answers a repeated delivery: kept while the key is.
const NOT_REPLAYABLE = 'NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.run_id = r.id)';
const IS_TEST = "json_extract(r.trigger, '$.kind') = 'manual'";
/** A cutoff no finished_at is below: the policy keeps those runs forever. */
const FOREVER = Number.MIN_SAFE_INTEGER;

export function prepareRetentionTables(db: Database.Database, values: RunValuesTable): RetentionTables {
  const byAge = db.prepare<Record<string, number>, Candidate>(
    `SELECT r.id, r.workflow_id, r.status, r.degraded, r.created_at FROM runs r
     WHERE r.finished_at IS NOT NULL AND r.finished_at < @latest AND r.status IN (${ALL_FINISHED}) AND ${NOT_REPLAYABLE}
       AND r.finished_at < CASE
         WHEN ${IS_TEST} THEN @test
         WHEN r.status = 'succeeded' THEN @succeeded
         WHEN r.status = 'needs_attention' THEN @needsAttention
         ELSE @failed END
     ORDER BY r.finished_at LIMIT @limit`,
  );
  const byCount = db.prepare<Record<string, number>, Candidate>(
    `SELECT id, workflow_id, status, degraded, created_at FROM (
       SELECT r.id, r.workflow_id, r.status, r.degraded, r.created_at,
         ROW_NUMBER() OVER (PARTITION BY r.workflow_id ORDER BY r.created_at DESC, r.id DESC) AS newest
       FROM runs r WHERE r.status IN (${COUNTED})
     ) AS ranked
     WHERE newest > @keep AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.run_id = ranked.id)
     ORDER BY created_at LIMIT @limit`,
  );
  const oldestFirst = db.prepare<Record<string, number>, Candidate>(
    `SELECT r.id, r.workflow_id, r.status, r.degraded, r.created_at FROM runs r
     WHERE r.status IN (${COUNTED}) AND ${NOT_REPLAYABLE} ORDER BY r.created_at, r.id LIMIT @limit`,
  );
  const deleteAttempts = db.prepare<[string]>('DELETE FROM attempts WHERE run_id = ?');
  const deleteTimers = db.prepare<[string]>('DELETE FROM timers WHERE run_id = ?');
  const deleteNodes = db.prepare<[string]>('DELETE FROM node_runs WHERE run_id = ?');
  const deleteRun = db.prepare<[string]>('DELETE FROM runs WHERE id = ?');
  const addTotal = db.prepare<[string, string, number, number]>(
    `INSERT INTO pruned_runs (workflow_id, status, runs, degraded, newest_created) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (workflow_id, status) DO UPDATE SET runs = runs + 1, degraded = degraded + excluded.degraded,
       newest_created = MAX(newest_created, excluded.newest_created)`,
  );
  const oldest = db.prepare<[], { at: number | null }>('SELECT MIN(created_at) AS at FROM runs');
  const totals = db.prepare<[], { status: string; runs: number; newest: number }>('SELECT status, SUM(runs) AS runs, MAX(newest_created) AS newest FROM pruned_runs GROUP BY status');

  const remove = (runs: Candidate[]): void => {
    for (const run of runs) {
      deleteAttempts.run(run.id);
      deleteTimers.run(run.id);
      deleteNodes.run(run.id);
      deleteRun.run(run.id);
      addTotal.run(run.workflow_id, run.status, run.degraded, run.created_at);
    }
  };
  const bytesInUse = (): number => {
    const pages = Number(db.pragma('page_count', { simple: true }));
    const free = Number(db.pragma('freelist_count', { simple: true }));
    return (pages - free) * Number(db.pragma('page_size', { simple: true }));
  };
  const cutoff = (now: number, maxAge: number | null): number => (maxAge === null ? FOREVER : now - maxAge);

  return {
    pruneBatch(policy, now, limit) {
      const ages = {
        succeeded: cutoff(now, policy.succeededMaxAgeMs),
        failed: cutoff(now, policy.failedMaxAgeMs),
        needsAttention: cutoff(now, policy.needsAttentionMaxAgeMs),
        test: cutoff(now, policy.testMaxAgeMs),
      };
      const aged = byAge.all({ ...ages, latest: Math.max(...Object.values(ages)), limit: limit + 1 });
      remove(aged.slice(0, limit));
      const report: PruneReport = { pruned: 0, byAge: Math.min(aged.length, limit), byCount: 0, byBudget: 0, more: aged.length > limit };
      let room = limit - report.byAge;
      if (room > 0 && policy.maxRunsPerWorkflow !== null) {
        const over = byCount.all({ keep: policy.maxRunsPerWorkflow, limit: room + 1 });
        remove(over.slice(0, room));
        report.byCount = Math.min(over.length, room);
        report.more ||= over.length > room;
        room -= report.byCount;
      }
      if (room > 0 && policy.diskBudgetBytes !== null && bytesInUse() > policy.diskBudgetBytes) {
        // Oldest first, a few at a time: the next batch measures again.
        const oldestRuns = oldestFirst.all({ limit: Math.min(room, Math.max(1, Math.ceil(limit / 4))) });
        remove(oldestRuns);
        report.byBudget = oldestRuns.length;
        report.more ||= oldestRuns.length > 0;
      }
      report.pruned = report.byAge + report.byCount + report.byBudget;
      // Large values only the pruned runs referred to go with them.
      if (report.pruned > 0) values.pruneUnreferenced();
      return report;
    },
    vacuumStep(pages) {
      const free = Number(db.pragma('freelist_count', { simple: true }));
      if (free > 0) db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
      return free;
    },
    bytesInUse,
    oldestRunCreatedAt: () => oldest.get()?.at ?? null,
    prunedTotals: () => {
      const byStatus: Record<string, number> = {};
      let newestCreatedAt: number | null = null;
      for (const row of totals.all()) {
        byStatus[row.status] = row.runs;
        newestCreatedAt = Math.max(newestCreatedAt ?? row.newest, row.newest);
      }
      return { byStatus, newestCreatedAt };
    },
  };
}
