import type { NodePolicy, RetryPolicy } from '@switchyard/schema';
import { edgeKindForHandle } from './handles';
import { baseIdForType, isValidNodeId, nextSeq, uniqueEdgeId, uniqueNodeId } from './ids';
import type { CanvasEdge, CanvasFallbackEdge, CanvasNode, Graph, Point, Selection, WorkflowMeta } from './model';

/**
 * Pure graph operations: each takes a graph and returns a new one (never mutates), so that
 * history can keep snapshots by reference.
 */

function mapNode(graph: Graph, id: string, fn: (n: CanvasNode) => CanvasNode): Graph {
  let found = false;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== id) return n;
    found = true;
    return fn(n);
  });
  return found ? { ...graph, nodes } : graph;
}

function without<T extends object, K extends keyof T>(obj: T, key: K): T {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

export interface AddNodeOptions {
  type: string;
  position: Point;
  params?: Record<string, unknown>;
  /** Preferred id; made unique. */
  id?: string;
}

export function addNode(graph: Graph, options: AddNodeOptions): { graph: Graph; id: string } {
  const id = uniqueNodeId(graph, options.id ?? baseIdForType(options.type));
  const node: CanvasNode = { id, type: options.type, position: { ...options.position } };
  if (options.params !== undefined) node.params = structuredClone(options.params);
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

export interface ConnectRequest {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/**
 * Connects two nodes; the source handle decides the edge kind. Returns the graph unchanged
 * (and `id: null`) for a connection that can never be right: unknown nodes, or a duplicate.
 * Everything else (e.g. a cycle) is allowed and reported by validation, so the user sees why.
 */
export function connect(graph: Graph, request: ConnectRequest): { graph: Graph; id: string | null } {
  const { source, target } = request;
  const ids = new Set(graph.nodes.map((n) => n.id));
  if (!ids.has(source) || !ids.has(target) || source === target) return { graph, id: null };
  const meaning = edgeKindForHandle(request.sourceHandle);
  const duplicate = graph.edges.some(
    (e) => e.source === source && e.target === target && e.kind === meaning.kind && (e.kind !== 'next' || e.handle === (meaning.kind === 'next' ? meaning.handle : undefined)),
  );
  if (duplicate) return { graph, id: null };
  const id = uniqueEdgeId(graph, meaning.kind);
  const seq = nextSeq(graph);
  let edge: CanvasEdge;
  if (meaning.kind === 'next') {
    edge = meaning.handle === undefined ? { kind: 'next', id, source, target, seq } : { kind: 'next', id, source, target, handle: meaning.handle, seq };
  } else if (meaning.kind === 'fallback') {
    edge = { kind: 'fallback', id, source, target, order: nextFallbackOrder(graph, source), seq };
  } else {
    edge = { kind: 'compensate', id, source, target, seq };
  }
  return { graph: { ...graph, edges: [...graph.edges, edge] }, id };
}

/** The next free fallback order of a source (1 = tried first). */
export function nextFallbackOrder(graph: Graph, source: string): number {
  let max = 0;
  for (const e of graph.edges) if (e.kind === 'fallback' && e.source === source) max = Math.max(max, e.order ?? 1);
  return max + 1;
}

export function setRetry(graph: Graph, nodeId: string, policy: RetryPolicy): Graph {
  return mapNode(graph, nodeId, (n) => ({
    ...n,
    retry: n.retry ? { ...n.retry, policy: structuredClone(policy) } : { id: uniqueEdgeId(graph, 'retry'), policy: structuredClone(policy), seq: nextSeq(graph) },
  }));
}

export function removeRetry(graph: Graph, nodeId: string): Graph {
  return mapNode(graph, nodeId, (n) => without(n, 'retry'));
}

export function updateParams(graph: Graph, nodeId: string, params: Record<string, unknown> | undefined): Graph {
  return mapNode(graph, nodeId, (n) => (params === undefined ? without(n, 'params') : { ...n, params: structuredClone(params) }));
}

/** An empty policy is removed: `{}` and no policy mean the same, and the JSON stays clean. */
export function updatePolicy(graph: Graph, nodeId: string, policy: NodePolicy | undefined): Graph {
  const empty = policy === undefined || Object.values(policy).every((v) => v === undefined);
  return mapNode(graph, nodeId, (n) => (empty ? without(n, 'policy') : { ...n, policy: structuredClone(policy) }));
}

export type NodeFieldsPatch = Partial<Pick<CanvasNode, 'name' | 'integration' | 'credential' | 'notes'>>;

/** Sets the plain fields of a node; an empty string or undefined removes the key. */
export function updateNodeFields(graph: Graph, nodeId: string, patch: NodeFieldsPatch): Graph {
  return mapNode(graph, nodeId, (n) => {
    let next: CanvasNode = { ...n };
    for (const key of Object.keys(patch) as Array<keyof NodeFieldsPatch>) {
      const value = patch[key];
      next = value === undefined || value === '' ? without(next, key) : { ...next, [key]: value };
    }
    return next;
  });
}

/** Renames a node and every edge that points at it. Refuses an invalid or taken id. */
export function renameNode(graph: Graph, from: string, to: string): Graph {
  if (from === to || !isValidNodeId(to) || graph.nodes.some((n) => n.id === to)) return graph;
  const swap = (id: string): string => (id === from ? to : id);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: graph.edges.map((e) => ({ ...e, source: swap(e.source), target: swap(e.target) })),
  };
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, Point>): Graph {
  if (positions.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
  };
}

export type EdgePatch = Partial<Pick<CanvasFallbackEdge, 'on' | 'order'>> & { handle?: string };

/** Edits the fields of an edge's kind; `undefined` removes a field. */
export function updateEdge(graph: Graph, edgeId: string, patch: EdgePatch): Graph {
  return {
    ...graph,
    edges: graph.edges.map((e) => {
      if (e.id !== edgeId) return e;
      if (e.kind === 'fallback') {
        let next: CanvasFallbackEdge = { ...e };
        if ('on' in patch) next = patch.on === undefined || patch.on.length === 0 ? without(next, 'on') : { ...next, on: [...patch.on] };
        if ('order' in patch) next = patch.order === undefined ? without(next, 'order') : { ...next, order: patch.order };
        return next;
      }
      if (e.kind === 'next' && 'handle' in patch) return patch.handle === undefined ? without(e, 'handle') : { ...e, handle: patch.handle };
      return e;
    }),
  };
}

export function updateMeta(graph: Graph, meta: WorkflowMeta): Graph {
  const next: WorkflowMeta = { name: meta.name };
  if (meta.description !== undefined && meta.description !== '') next.description = meta.description;
  return { ...graph, meta: next };
}

/** Deletes the selected nodes and edges, every edge touching a deleted node, and selected retries. */
export function deleteSelection(graph: Graph, selection: Selection): Graph {
  const nodeIds = new Set(selection.nodes);
  const edgeIds = new Set(selection.edges);
  const nodes = graph.nodes
    .filter((n) => !nodeIds.has(n.id))
    .map((n) => (n.retry && edgeIds.has(n.retry.id) ? without(n, 'retry') : n));
  const edges = graph.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target));
  return { ...graph, nodes, edges };
}

export function findNode(graph: Graph, id: string): CanvasNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

export function findEdge(graph: Graph, id: string): CanvasEdge | undefined {
  return graph.edges.find((e) => e.id === id);
}

/** The node whose retry edge has this id. */
export function findRetryOwner(graph: Graph, edgeId: string): CanvasNode | undefined {
  return graph.nodes.find((n) => n.retry?.id === edgeId);
}
