import type { AttemptRecord, NodeRunRecord, RunRecord, Store, StoredWorkflow } from '@switchyard/engine';

/** What reading a window of runs needs of the store. */
export type RunHistoryStore = Pick<Store, 'listRuns' | 'getWorkflowVersion' | 'listNodeRunPreviews' | 'listAttempts'>;

/** History reads statuses and failures, not values: a large input or output is not parsed for it. */
const HISTORY_VALUE_CHARS = 1024;

/** Runs read per answer at most (health, insights): the answer says when the window held more. */
export const HISTORY_MAX_RUNS = 2_000;

/** One run with what analysing it needs: the version that ran, its nodes and every attempt. */
export interface RunHistoryItem {
  run: RunRecord;
  version: StoredWorkflow | undefined;
  nodes: NodeRunRecord[];
  /** Oldest first. */
  attempts: AttemptRecord[];
}

export interface RunHistory {
  items: RunHistoryItem[];
  /** True when the window held more runs than were read. */
  sampled: boolean;
}

/**
 * The newest production runs created at or after `since` (at most `maxRuns`), optionally of one
 * workflow. Test runs are left out: health, insights and alerts speak of production only.
 */
export async function readRunHistory(
  store: RunHistoryStore,
  options: { since: number; workflowId?: string; maxRuns?: number },
): Promise<RunHistory> {
  const maxRuns = options.maxRuns ?? HISTORY_MAX_RUNS;
  const versions = new Map<string, StoredWorkflow | undefined>();
  const items: RunHistoryItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.listRuns({
      since: options.since,
      mode: 'production',
      limit: 200,
      ...(options.workflowId === undefined ? {} : { workflowId: options.workflowId }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const run of page.items) {
      if (items.length >= maxRuns) return { items, sampled: true };
      const key = `${run.workflowId}@${run.workflowVersion}`;
      if (!versions.has(key)) versions.set(key, await store.getWorkflowVersion(run.workflowId, run.workflowVersion));
      items.push({ run, version: versions.get(key), nodes: (await store.listNodeRunPreviews(run.id, HISTORY_VALUE_CHARS)).map((p) => p.node), attempts: await store.listAttempts(run.id) });
    }
    if (page.nextCursor === null) return { items, sampled: false };
    cursor = page.nextCursor;
  }
}
