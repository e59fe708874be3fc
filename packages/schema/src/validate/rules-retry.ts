import { nodeById, type Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/** A retry edge is a self-loop, at most one per node, on a node type that can fail. */
export function checkRetryEdges(graph: Graph): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const firstBySource = new Map<string, string>();
  for (const { edge, index } of graph.retry) {
    if (edge.source !== edge.target) {
      out.push(issue(['edges', index, 'target'], 'retry_not_self_loop', `a retry edge loops on its node: its target must be '${edge.source}', not '${edge.target}'`));
    }
    const first = firstBySource.get(edge.source);
    if (first === undefined) firstBySource.set(edge.source, edge.id);
    else out.push(issue(['edges', index, 'source'], 'duplicate_retry', `node '${edge.source}' already has the retry edge '${first}'; a node has at most one`));
    const node = nodeById(graph, edge.source);
    const definition = node === undefined ? undefined : graph.definitions.get(node.type);
    if (node !== undefined && definition !== undefined && !definition.canFail) {
      out.push(issue(['edges', index, 'source'], 'retry_cannot_fail', `node '${edge.source}' of type '${node.type}' cannot fail, so it cannot have a retry edge`));
    }
  }
  return out;
}
