import type { AdviceChange, Workflow } from '@switchyard/schema';

/**
 * The workflow with one piece of advice applied, or a reason it cannot be: the node or edge it
 * names is gone, or the value it would change is no longer the one it was computed from.
 */
export function applyChange(workflow: Workflow, change: AdviceChange): { ok: true; workflow: Workflow } | { ok: false; reason: string } {
  const next = structuredClone(workflow);
  switch (change.kind) {
    case 'set_timeout': {
      const node = next.nodes.find((n) => n.id === change.nodeId);
      if (!node) return { ok: false, reason: `node '${change.nodeId}' is gone` };
      node.policy = { ...node.policy, timeoutMs: change.to };
      return { ok: true, workflow: next };
    }
    case 'remove_edge': {
      if (!next.edges.some((e) => e.id === change.edgeId)) return { ok: false, reason: `edge '${change.edgeId}' is gone` };
      next.edges = next.edges.filter((e) => e.id !== change.edgeId);
      return { ok: true, workflow: next };
    }
    case 'set_retry_on':
    case 'set_max_attempts': {
      const edge = next.edges.find((e) => e.id === change.edgeId);
      if (!edge || edge.kind !== 'retry') return { ok: false, reason: `retry edge '${change.edgeId}' is gone` };
      if (change.kind === 'set_max_attempts') {
        if (edge.retry.maxAttempts !== change.from) return { ok: false, reason: `maxAttempts is ${edge.retry.maxAttempts} now, not ${change.from}` };
        edge.retry = { ...edge.retry, maxAttempts: change.to };
      } else {
        edge.retry = { ...edge.retry, on: change.to };
      }
      return { ok: true, workflow: next };
    }
  }
}
