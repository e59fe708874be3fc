import type { AttemptRecord, NodeRunRecord, RunRecord, Store, StoredWorkflow } from '@switchyard/engine';
import { notFound } from '../http/api-error.js';
import { CUT_BYTES, presentNode, presentRunSummary } from './present-run.js';

export async function requireRun(store: Pick<Store, 'getRun'>, runId: string): Promise<RunRecord> {
  const run = await store.getRun(runId);
  if (!run) throw notFound('the run');
  return run;
}

/**
 * For each main-flow node, the compensation step that undoes it and that step's status (null
 * when there is none). A node whose output came from a fallback (`source: "fallback:<id>"`, at
 * each level of a chain) is undone by the compensate edge of the node that produced the output
 * (docs/engine.md "Compensation"), as in http-api.md's example: `charge` via `charge_backup`
 * shows `refund_backup`.
 */
export function compensationOf(version: Pick<StoredWorkflow, 'definition'> | undefined, nodes: ReadonlyMap<string, Pick<NodeRunRecord, 'status' | 'source'>>): (nodeId: string) => { nodeId: string; status: string } | null {
  const targets = new Map<string, string>();
  for (const edge of version?.definition.edges ?? []) if (edge.kind === 'compensate') targets.set(edge.source, edge.target);
  return (nodeId) => {
    let producer = nodeId;
    const seen = new Set<string>();
    for (;;) {
      const source = nodes.get(producer)?.source;
      if (source === null || source === undefined || !source.startsWith('fallback:') || seen.has(producer)) break;
      seen.add(producer);
      producer = source.slice('fallback:'.length);
    }
    const target = targets.get(producer);
    if (target === undefined) return null;
    return { nodeId: target, status: nodes.get(target)?.status ?? 'pending' };
  };
}

/** The run answer of http-api.md: the summary, the trigger in full, every node with its attempts. */
export async function presentRunDetail(store: Pick<Store, 'listNodeRunPreviews' | 'listAttempts' | 'getWorkflowVersion'>, run: RunRecord): Promise<Record<string, unknown>> {
  const [previews, attempts, version] = await Promise.all([
    store.listNodeRunPreviews(run.id, CUT_BYTES),
    store.listAttempts(run.id),
    store.getWorkflowVersion(run.workflowId, run.workflowVersion),
  ]);
  const byNode = new Map<string, AttemptRecord[]>();
  for (const a of attempts) {
    const list = byNode.get(a.nodeId) ?? [];
    list.push(a);
    byNode.set(a.nodeId, list);
  }
  const nodeMap = new Map(previews.map(({ node }) => [node.nodeId, node]));
  const compensation = compensationOf(version, nodeMap);
  return {
    ...presentRunSummary(run),
    trigger: run.trigger,
    nodes: previews.map(({ node, cut }) => presentNode(node, byNode.get(node.nodeId) ?? [], compensation(node.nodeId), cut)),
  };
}
