import type { IntegrationRecord, Store } from '@switchyard/engine';
import type { Advice } from '@switchyard/schema';
import { readRunHistory, type RunHistoryStore } from '../runs/run-history.js';
import { adviseWorkflow } from './advice.js';
import { clusterFailures } from './clusters.js';
import type { FailureCluster } from './clusters.js';

/** Clusters answered at most, most frequent first. */
export const INSIGHTS_MAX_CLUSTERS = 50;

export interface Insights {
  windowMs: number;
  since: number;
  runs: number;
  /** True when the window held more runs than were read. */
  sampled: boolean;
  clusters: FailureCluster[];
  advice: Advice[];
}

/** Failure clusters and advice over the window, for every workflow or one. */
export async function computeInsights(store: RunHistoryStore & Pick<Store, 'listIntegrations' | 'getWorkflow'>, options: { now: number; windowMs: number; workflowId?: string }): Promise<Insights> {
  const since = options.now - options.windowMs;
  // Every workflow's runs: latency tails of a shared integration come from all of them.
  const history = await readRunHistory(store, { since });
  const integrations = new Map<string, IntegrationRecord>((await store.listIntegrations()).map((i) => [i.id, i]));
  const items = history.items;
  const mine = options.workflowId === undefined ? items : items.filter((i) => i.run.workflowId === options.workflowId);
  const advice: Advice[] = [];
  for (const workflowId of new Set(mine.map((i) => i.run.workflowId))) {
    const workflow = await store.getWorkflow(workflowId);
    if (workflow) advice.push(...adviseWorkflow(workflow, items, integrations));
  }
  return {
    windowMs: options.windowMs,
    since,
    runs: mine.length,
    sampled: history.sampled,
    clusters: clusterFailures(mine).slice(0, INSIGHTS_MAX_CLUSTERS),
    advice,
  };
}
