import { findCycles } from './cycles.js';
import type { Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/**
 * A fallback target is the target of exactly one fallback edge and has no `next` edges; fallback
 * edges form no cycle; `order` is unique per source (an omitted order counts as 1).
 */
export function checkFallbackEdges(graph: Graph): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const edgeByTarget = new Map<string, string>();
  const orders = new Map<string, Map<number, string>>();
  for (const { edge, index } of graph.fallback) {
    const first = edgeByTarget.get(edge.target);
    if (first === undefined) edgeByTarget.set(edge.target, edge.id);
    else {
      out.push(issue(['edges', index, 'target'], 'fallback_target_shared', `node '${edge.target}' is already the target of the fallback edge '${first}'; a fallback target stands in for one node only`));
    }
    const order = edge.order ?? 1;
    const bySource = orders.get(edge.source) ?? new Map<number, string>();
    orders.set(edge.source, bySource);
    const sameOrder = bySource.get(order);
    if (sameOrder === undefined) bySource.set(order, edge.id);
    else {
      const note = edge.order === undefined ? ' (an omitted order is 1)' : '';
      out.push(issue(['edges', index, 'order'], 'duplicate_fallback_order', `node '${edge.source}' already has the fallback edge '${sameOrder}' with order ${order}${note}; each fallback of a node needs its own order`));
    }
  }
  for (const { edge, index } of graph.next) {
    for (const end of ['source', 'target'] as const) {
      const fallback = edgeByTarget.get(edge[end]);
      if (fallback === undefined) continue;
      out.push(issue(['edges', index, end], 'fallback_target_next', `node '${edge[end]}' is the target of the fallback edge '${fallback}' and cannot have next edges: its output stands in for its source's`));
    }
  }
  for (const cycle of findCycles([...graph.nodeIndex.keys()], graph.fallback)) {
    out.push(issue(['edges', cycle.edge.index, 'target'], 'fallback_cycle', `fallback edges form a cycle: ${cycle.nodes.join(' → ')}`));
  }
  return out;
}
