import { z } from 'zod';

/**
 * How long finished runs are kept (docs/operations.md "Retention"). An age of `null` keeps
 * those runs forever; `maxRunsPerWorkflow` and `diskBudgetBytes` of `null` set no such limit.
 * Runs that have not finished are never pruned, whatever the policy says.
 */
export const RetentionPolicy = z.strictObject({
  /** Succeeded runs. */
  succeededMaxAgeMs: z.number().int().positive().nullable(),
  /** Failed, compensated and cancelled runs: kept longer by default, they are what people look back at. */
  failedMaxAgeMs: z.number().int().positive().nullable(),
  /** needs_attention runs wait for a person: kept longest, and only ever pruned by age. */
  needsAttentionMaxAgeMs: z.number().int().positive().nullable(),
  /** Test runs (started by hand from the editor or the API), whatever their status: shortest. */
  testMaxAgeMs: z.number().int().positive().nullable(),
  /** The newest finished runs kept per workflow (needs_attention runs do not count and are kept). */
  maxRunsPerWorkflow: z.number().int().positive().nullable(),
  /** Bytes of the database in use above which the oldest finished runs go first. */
  diskBudgetBytes: z.number().int().positive().nullable(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

const DAY_MS = 86_400_000;

export const RETENTION_DEFAULTS: RetentionPolicy = {
  succeededMaxAgeMs: 30 * DAY_MS,
  failedMaxAgeMs: 90 * DAY_MS,
  needsAttentionMaxAgeMs: 180 * DAY_MS,
  testMaxAgeMs: 7 * DAY_MS,
  maxRunsPerWorkflow: null,
  diskBudgetBytes: null,
};

/** The statuses a pruning may remove (every terminal status). */
export const PRUNABLE_RUN_STATUSES = ['succeeded', 'failed', 'compensated', 'cancelled', 'needs_attention'] as const;

/** What one batch of pruning removed, by the rule that chose each run. */
export const PruneReport = z.strictObject({
  pruned: z.number().int().nonnegative(),
  byAge: z.number().int().nonnegative(),
  byCount: z.number().int().nonnegative(),
  byBudget: z.number().int().nonnegative(),
  /** Whether a rule still has runs to remove (the next batch follows soon). */
  more: z.boolean(),
});
export type PruneReport = z.infer<typeof PruneReport>;

/** How far back run history goes: part of the GET /api/runs answer. */
export const RunHistoryExtent = z.strictObject({
  /** The creation time of the oldest run kept; null when there is none. */
  oldestRunAt: z.string().nullable(),
  /** Runs removed by retention so far, by final status (the aggregate kept for them). */
  prunedRuns: z.record(z.string(), z.number().int().nonnegative()),
  /** The newest creation time among pruned runs; null when none was pruned. */
  prunedThrough: z.string().nullable(),
  retention: RetentionPolicy,
});
export type RunHistoryExtent = z.infer<typeof RunHistoryExtent>;
