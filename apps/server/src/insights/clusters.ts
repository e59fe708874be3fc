import type { Failure, FailureClusterAnswer, FailureSignature } from '@switchyard/schema';
import type { RunHistoryItem } from '../runs/run-history.js';
import { hostIntegration, normaliseMessage, signatureKey } from './signature.js';

/** Runs linked per cluster at most. */
export const CLUSTER_SAMPLE_RUNS = 5;

/** A cluster as computed: times as epoch milliseconds (the answer has them as ISO strings). */
export type FailureCluster = Omit<FailureClusterAnswer, 'firstSeen' | 'lastSeen'> & { firstSeen: number; lastSeen: number };

/**
 * Failed attempts grouped by signature (semantics.md "Health, alerts and learning"), most
 * frequent first. Interrupted and cancelled attempts are not failures of the integration.
 */
export function clusterFailures(items: readonly RunHistoryItem[]): FailureCluster[] {
  const clusters = new Map<string, FailureCluster & { runSet: Set<string> }>();
  for (const item of items) {
    const nodes = new Map((item.version?.definition.nodes ?? []).map((n) => [n.id, n]));
    for (const a of item.attempts) {
      if (a.outcome !== 'failed' || a.error === null) continue;
      const failure: Failure = a.error;
      const signature: FailureSignature = {
        integration: nodes.get(a.nodeId)?.integration ?? hostIntegration(a.request?.url),
        workflowId: item.run.workflowId,
        nodeId: a.nodeId,
        category: failure.category,
        httpStatus: failure.httpStatus ?? null,
        message: normaliseMessage(failure.message),
      };
      const key = signatureKey(signature);
      let cluster = clusters.get(key);
      if (!cluster) {
        cluster = { signature, count: 0, runs: 0, firstSeen: a.startedAt, lastSeen: a.startedAt, sampleRunIds: [], example: failure.message.slice(0, 500), runSet: new Set() };
        clusters.set(key, cluster);
      }
      cluster.count += 1;
      cluster.firstSeen = Math.min(cluster.firstSeen, a.startedAt);
      if (a.startedAt >= cluster.lastSeen) {
        cluster.lastSeen = a.startedAt;
        cluster.example = failure.message.slice(0, 500);
      }
      if (!cluster.runSet.has(item.run.id)) {
        cluster.runSet.add(item.run.id);
        cluster.runs += 1;
      }
    }
  }
  return [...clusters.values()]
    .map(({ runSet, ...cluster }) => ({ ...cluster, sampleRunIds: newestRuns(items, runSet) }))
    .sort((x, y) => y.count - x.count || y.lastSeen - x.lastSeen);
}

function newestRuns(items: readonly RunHistoryItem[], runIds: ReadonlySet<string>): string[] {
  // History comes newest first.
  const out: string[] = [];
  for (const item of items) {
    if (out.length >= CLUSTER_SAMPLE_RUNS) break;
    if (runIds.has(item.run.id)) out.push(item.run.id);
  }
  return out;
}
