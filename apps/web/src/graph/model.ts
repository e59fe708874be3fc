import type { ErrorCategory, NodePolicy, RetryPolicy } from '@switchyard/schema';

/**
 * The canvas model: what the editor edits. It mirrors the workflow JSON, except that a retry
 * edge is a property of its node (it is drawn as a loop on the card, not as an edge).
 * `seq` remembers each edge's place in the workflow's `edges` array so that a round trip
 * through the canvas gives back the same document.
 */

export interface Point {
  x: number;
  y: number;
}

export interface CanvasRetry {
  /** The retry edge's id in the workflow. */
  id: string;
  policy: RetryPolicy;
  seq: number;
}

export interface CanvasNode {
  id: string;
  type: string;
  name?: string;
  /** Optional as in the format: a node without one is placed by `displayPosition`. */
  position?: Point;
  params?: Record<string, unknown>;
  integration?: string;
  credential?: string;
  policy?: NodePolicy;
  notes?: string;
  retry?: CanvasRetry;
}

interface EdgeBase {
  id: string;
  source: string;
  target: string;
  seq: number;
}

export interface CanvasNextEdge extends EdgeBase {
  kind: 'next';
  handle?: string;
}
export interface CanvasFallbackEdge extends EdgeBase {
  kind: 'fallback';
  on?: ErrorCategory[];
  order?: number;
}
export interface CanvasCompensateEdge extends EdgeBase {
  kind: 'compensate';
}
/**
 * A retry edge that cannot live on a node (not a self-loop, or a second one on the same node).
 * Invalid, but kept so that importing a broken file loses nothing and the problem stays visible.
 */
export interface CanvasStrayRetryEdge extends EdgeBase {
  kind: 'retry';
  retry: RetryPolicy;
}

export type CanvasEdge = CanvasNextEdge | CanvasFallbackEdge | CanvasCompensateEdge | CanvasStrayRetryEdge;
export type CanvasEdgeKind = CanvasEdge['kind'];

export interface WorkflowMeta {
  name: string;
  description?: string;
}

export interface Graph {
  meta: WorkflowMeta;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

export interface Selection {
  nodes: string[];
  /** Edge ids; a node's retry is selected by its retry edge id. */
  edges: string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export function emptyGraph(name = 'Untitled workflow'): Graph {
  return { meta: { name }, nodes: [], edges: [] };
}
