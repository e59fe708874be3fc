import type { PruneReport, RetentionPolicy } from '@switchyard/schema';

/** What pruning removed so far, as kept totals (the runs themselves are gone). */
export interface PrunedRunTotals {
  byStatus: Record<string, number>;
  newestCreatedAt: number | null;
}

/** Retention: what retention/ needs to prune finished runs and give the space back. */
export interface RetentionStore {
  /** Removes at most `limit` finished runs the policy no longer keeps, in one transaction. */
  pruneRuns(policy: RetentionPolicy, now: number, limit: number): Promise<PruneReport>;
  /** Gives up to `pages` free pages back to the file system; answers the free pages before. */
  vacuumStep(pages: number): Promise<number>;
  /** Bytes of the database holding data: what the disk budget measures. */
  bytesInUse(): number;
  runHistoryExtent(): { oldestRunAt: number | null; pruned: PrunedRunTotals };
}
