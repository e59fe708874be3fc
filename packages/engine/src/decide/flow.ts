import type { JoinMode, NextEdge } from '@switchyard/schema';
import type { Graph } from '../graph.js';
import type { NodeRunRecord, NodeStatus } from '../records.js';

/** Statuses of a node that produced an output ($nodes holds it; its `next` edges can be live). */
export const HAS_OUTPUT: ReadonlySet<NodeStatus> = new Set<NodeStatus>([
  'succeeded',
  'compensating',
  'compensated',
  'compensation_failed',
]);

export type EdgeState = 'live' | 'dead' | 'unresolved';

/**
 * semantics.md "Flow": an edge is live when its source succeeded (or failed with
 * `onFailure: "continue"`, the only way a node fails while the run goes forward) and chose its
 * handle (a `switch` in mode `all` chooses several); dead when the source was skipped or chose
 * none of the edge's handle.
 */
export function edgeState(edge: NextEdge, source: NodeRunRecord): EdgeState {
  if (HAS_OUTPUT.has(source.status)) {
    if (edge.handle === undefined || edge.handle === source.handle) return 'live';
    return source.handles?.includes(edge.handle) ? 'live' : 'dead';
  }
  switch (source.status) {
    case 'failed':
      return edge.handle === undefined ? 'live' : 'dead';
    case 'skipped':
    case 'cancelled':
      return 'dead';
    default:
      return 'unresolved';
  }
}

export type Readiness = 'ready' | 'skip' | 'wait';

/**
 * A node runs when every incoming `next` edge is resolved and one is live; all dead: skipped.
 * A node that joins on the first (`joinMode` `"first"`) runs as soon as one edge is live.
 */
export function readiness(graph: Graph, nodeId: string, nodes: ReadonlyMap<string, NodeRunRecord>, joinMode: JoinMode = 'all'): Readiness {
  const edges = graph.incoming.get(nodeId) ?? [];
  if (edges.length === 0) return 'ready';
  let live = false;
  let unresolved = false;
  for (const e of edges) {
    const source = nodes.get(e.source);
    const state = source ? edgeState(e, source) : 'unresolved';
    if (state === 'live' && joinMode === 'first') return 'ready';
    if (state === 'unresolved') unresolved = true;
    if (state === 'live') live = true;
  }
  if (unresolved) return 'wait';
  return live ? 'ready' : 'skip';
}

/** The live incoming edges of a node, in the workflow's edge order. */
export function liveIncoming(graph: Graph, nodeId: string, nodes: ReadonlyMap<string, NodeRunRecord>): NextEdge[] {
  return (graph.incoming.get(nodeId) ?? []).filter((e) => {
    const source = nodes.get(e.source);
    return source !== undefined && edgeState(e, source) === 'live';
  });
}
