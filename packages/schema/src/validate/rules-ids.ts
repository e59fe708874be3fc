import type { Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/** Node ids unique, edge ids unique, every edge's endpoints exist. */
export function checkIds(graph: Graph): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  graph.nodes.forEach((node, i) => {
    const first = graph.nodeIndex.get(node.id);
    if (first !== undefined && first !== i) {
      out.push(issue(['nodes', i, 'id'], 'duplicate_node_id', `node id '${node.id}' is already used by nodes[${first}]`));
    }
  });
  const edgeIndex = new Map<string, number>();
  graph.edges.forEach((edge, i) => {
    const first = edgeIndex.get(edge.id);
    if (first === undefined) edgeIndex.set(edge.id, i);
    else out.push(issue(['edges', i, 'id'], 'duplicate_edge_id', `edge id '${edge.id}' is already used by edges[${first}]`));
    for (const end of ['source', 'target'] as const) {
      if (!graph.nodeIndex.has(edge[end])) {
        out.push(issue(['edges', i, end], 'unknown_node', `edge '${edge.id}' ${end} '${edge[end]}' is not a node of this workflow`));
      }
    }
  });
  return out;
}
