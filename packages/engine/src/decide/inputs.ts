import type { Failure, Json } from '@switchyard/schema';
import type { Graph } from '../graph.js';
import { HAS_OUTPUT, liveIncoming } from './flow.js';
import type { NodeRunRecord } from '../records.js';

/** `$failure` as expressions see it. */
export interface FailureBinding {
  nodeId: string;
  category: Failure['category'];
  message: string;
  httpStatus: number | null;
  attempts: number;
}

export function failureBinding(node: NodeRunRecord, f: Failure): FailureBinding {
  return { nodeId: node.nodeId, category: f.category, message: f.message, httpStatus: f.httpStatus ?? null, attempts: node.tries };
}

/**
 * `$input` of a main-flow node: its single predecessor's output (`null` after a predecessor that
 * failed with `continue`), or for a join an object keyed by the predecessors whose edge was live.
 */
export function mainInput(graph: Graph, nodeId: string, nodes: ReadonlyMap<string, NodeRunRecord>): Json | null {
  const edges = graph.incoming.get(nodeId) ?? [];
  if (edges.length === 0) return null;
  const outputOf = (id: string): Json | null => {
    const n = nodes.get(id);
    return n && HAS_OUTPUT.has(n.status) ? n.output : null;
  };
  if (edges.length === 1) return outputOf(edges[0]!.source);
  const joined: Record<string, Json> = Object.create(null) as Record<string, Json>;
  for (const e of liveIncoming(graph, nodeId, nodes)) joined[e.source] = outputOf(e.source);
  return { ...joined };
}

/** `$failure` after predecessors that failed with `continue`: the one that finished last. */
export function continuedFailure(
  graph: Graph,
  nodeId: string,
  nodes: ReadonlyMap<string, NodeRunRecord>,
): FailureBinding | undefined {
  let latest: NodeRunRecord | undefined;
  for (const e of liveIncoming(graph, nodeId, nodes)) {
    const n = nodes.get(e.source);
    if (n?.status === 'failed' && n.error && (!latest || (n.finishedAt ?? 0) >= (latest.finishedAt ?? 0))) latest = n;
  }
  return latest?.error ? failureBinding(latest, latest.error) : undefined;
}

/** `$nodes`: outputs of the nodes that have succeeded so far, by id. */
export function succeededOutputs(nodes: ReadonlyMap<string, NodeRunRecord>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const n of nodes.values()) if (HAS_OUTPUT.has(n.status)) out[n.nodeId] = n.output;
  return out;
}
