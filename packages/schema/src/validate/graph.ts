import type { NodeDefinitions } from '../node-definition.js';
import type { WorkflowEdge, WorkflowNode } from '../workflow.js';

export interface IndexedEdge<E extends WorkflowEdge = WorkflowEdge> {
  readonly edge: E;
  readonly index: number;
}

type EdgeOfKind<K extends WorkflowEdge['kind']> = Extract<WorkflowEdge, { kind: K }>;

/** A structurally valid workflow with the lookups every graph rule needs. */
export interface Graph {
  readonly nodes: readonly WorkflowNode[];
  readonly edges: readonly WorkflowEdge[];
  readonly definitions: NodeDefinitions;
  /** Index of the first node with each id (a duplicate is its own issue). */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Edges whose source and target both exist, by kind (a dangling edge is its own issue). */
  readonly next: readonly IndexedEdge<EdgeOfKind<'next'>>[];
  readonly retry: readonly IndexedEdge<EdgeOfKind<'retry'>>[];
  readonly fallback: readonly IndexedEdge<EdgeOfKind<'fallback'>>[];
  readonly compensate: readonly IndexedEdge<EdgeOfKind<'compensate'>>[];
}

export function buildGraph(nodes: readonly WorkflowNode[], edges: readonly WorkflowEdge[], definitions: NodeDefinitions): Graph {
  const nodeIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!nodeIndex.has(node.id)) nodeIndex.set(node.id, i);
  });
  const graph = {
    nodes,
    edges,
    definitions,
    nodeIndex,
    next: [] as IndexedEdge<EdgeOfKind<'next'>>[],
    retry: [] as IndexedEdge<EdgeOfKind<'retry'>>[],
    fallback: [] as IndexedEdge<EdgeOfKind<'fallback'>>[],
    compensate: [] as IndexedEdge<EdgeOfKind<'compensate'>>[],
  };
  edges.forEach((edge, index) => {
    if (!nodeIndex.has(edge.source) || !nodeIndex.has(edge.target)) return;
    switch (edge.kind) {
      case 'next': graph.next.push({ edge, index }); break;
      case 'retry': graph.retry.push({ edge, index }); break;
      case 'fallback': graph.fallback.push({ edge, index }); break;
      case 'compensate': graph.compensate.push({ edge, index }); break;
    }
  });
  return graph;
}

export function nodeById(graph: Graph, id: string): WorkflowNode | undefined {
  const i = graph.nodeIndex.get(id);
  return i === undefined ? undefined : graph.nodes[i];
}

/** A registered trigger type; an unregistered `trigger.*` counts too, so a typo in it does not cascade. */
export function isTriggerNode(node: WorkflowNode, definitions: NodeDefinitions): boolean {
  const definition = definitions.get(node.type);
  return definition !== undefined ? definition.isTrigger : node.type.startsWith('trigger.');
}

/** Ids of the nodes that are targets of edges of one kind. */
export function targetsOf(edges: readonly IndexedEdge[]): Set<string> {
  return new Set(edges.map(({ edge }) => edge.target));
}
