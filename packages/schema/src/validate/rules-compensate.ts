import type { Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/**
 * A compensation target is the target of exactly one compensate edge, has no `next` edges, is not
 * also a fallback target and is not itself undone; a node has at most one compensate edge.
 */
export function checkCompensateEdges(graph: Graph): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const edgeByTarget = new Map<string, string>();
  const edgeBySource = new Map<string, string>();
  for (const { edge, index } of graph.compensate) {
    const first = edgeByTarget.get(edge.target);
    if (first === undefined) edgeByTarget.set(edge.target, edge.id);
    else {
      out.push(issue(['edges', index, 'target'], 'compensate_target_shared', `node '${edge.target}' is already the target of the compensate edge '${first}'; a compensation node undoes one node only`));
    }
    const own = edgeBySource.get(edge.source);
    if (own === undefined) edgeBySource.set(edge.source, edge.id);
    else {
      out.push(issue(['edges', index, 'source'], 'duplicate_compensate', `node '${edge.source}' already has the compensate edge '${own}'; a node has at most one`));
    }
  }
  const fallbackByTarget = new Map<string, string>();
  for (const { edge } of graph.fallback) if (!fallbackByTarget.has(edge.target)) fallbackByTarget.set(edge.target, edge.id);
  for (const { edge, index } of graph.compensate) {
    const fallback = fallbackByTarget.get(edge.target);
    if (fallback !== undefined) {
      out.push(issue(['edges', index, 'target'], 'compensate_fallback_conflict', `node '${edge.target}' is the target of the fallback edge '${fallback}' and cannot also be a compensation node`));
    }
    const undoing = edgeByTarget.get(edge.source);
    if (undoing !== undefined) {
      out.push(issue(['edges', index, 'source'], 'compensate_of_compensation', `node '${edge.source}' is the compensation node of the compensate edge '${undoing}'; a compensation is not undone, so it cannot have a compensate edge`));
    }
  }
  for (const { edge, index } of graph.next) {
    for (const end of ['source', 'target'] as const) {
      const compensate = edgeByTarget.get(edge[end]);
      if (compensate === undefined) continue;
      out.push(issue(['edges', index, end], 'compensate_target_next', `node '${edge[end]}' is the target of the compensate edge '${compensate}' and cannot have next edges: it runs only during compensation`));
    }
  }
  return out;
}
