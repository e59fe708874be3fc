import { nextSeq, uniqueEdgeId, uniqueNodeId } from './ids';
import type { CanvasEdge, CanvasNode, Graph, Selection } from './model';

/** What Ctrl+C copies: the selected nodes and the edges between them (retries included). */
export interface Fragment {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

export function copySelection(graph: Graph, selection: Selection): Fragment {
  const ids = new Set(selection.nodes);
  return structuredClone({
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  });
}

/**
 * Pastes a fragment with fresh node and edge ids (the same id twice is invalid), shifted by
 * `offset`, rewiring the copied edges to the new ids. Returns the new ids for selection.
 */
export function pasteFragment(graph: Graph, fragment: Fragment, offset = { x: 40, y: 40 }): { graph: Graph; selection: Selection } {
  const rename = new Map<string, string>();
  const takenNodes = new Set<string>();
  for (const n of fragment.nodes) {
    // `ship_2` pasted again becomes `ship_3`, not `ship_2_2`.
    const id = uniqueNodeId(graph, n.id.replace(/_\d+$/, '') || n.id, takenNodes);
    takenNodes.add(id);
    rename.set(n.id, id);
  }
  const takenEdges = new Set<string>();
  const freshEdgeId = (kind: CanvasEdge['kind']): string => {
    const id = uniqueEdgeId(graph, kind, takenEdges);
    takenEdges.add(id);
    return id;
  };
  let seq = nextSeq(graph);
  const nodes: CanvasNode[] = fragment.nodes.map((n) => {
    const copy: CanvasNode = { ...structuredClone(n), id: rename.get(n.id) ?? n.id };
    if (n.position) copy.position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    if (n.retry) copy.retry = { id: freshEdgeId('retry'), policy: structuredClone(n.retry.policy), seq: seq++ };
    return copy;
  });
  const edges: CanvasEdge[] = fragment.edges
    .filter((e) => rename.has(e.source) && rename.has(e.target))
    .map((e) => ({ ...structuredClone(e), id: freshEdgeId(e.kind), source: rename.get(e.source) ?? e.source, target: rename.get(e.target) ?? e.target, seq: seq++ }));
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) },
  };
}
