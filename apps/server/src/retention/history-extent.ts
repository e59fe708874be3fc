import type { RetentionPolicy, RunHistoryExtent } from '@switchyard/schema';
import type { RetentionStore } from '../ports/index.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** How far back run history goes, for the runs answer and page. */
export function historyExtent(store: Pick<RetentionStore, 'runHistoryExtent'>, retention: RetentionPolicy): RunHistoryExtent {
  const extent = store.runHistoryExtent();
  return { oldestRunAt: iso(extent.oldestRunAt), prunedRuns: extent.pruned.byStatus, prunedThrough: iso(extent.pruned.newestCreatedAt), retention };
}
