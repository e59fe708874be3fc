import type { Graph } from '../graph.js';
import type { NodeRunRecord } from '../records.js';

/**
 * Which effects a failed run undoes, and in what order (semantics.md "Compensation"). Pure
 * functions over the run's node records; the run driver starts the compensation nodes.
 */

type Nodes = ReadonlyMap<string, NodeRunRecord>;

/** The node that produced a main node's output, following fallbacks; none for last-known-good. */
export function producerOf(nodes: Nodes, nodeId: string): string | undefined {
  let current = nodes.get(nodeId);
  for (let hops = 0; current && hops <= nodes.size; hops++) {
    if (current.source === 'self') return current.nodeId;
    if (current.source === null || current.source === 'last_known_good') return undefined;
    current = nodes.get(current.source.slice('fallback:'.length));
  }
  return undefined;
}

/** The main node and the fallback targets its output came through, down to the producer. */
export function standInChain(nodes: Nodes, mainId: string): string[] {
  const ids = [mainId];
  let current = nodes.get(mainId);
  while (current?.source?.startsWith('fallback:') && ids.length <= nodes.size) {
    const next = current.source.slice('fallback:'.length);
    ids.push(next);
    current = nodes.get(next);
  }
  return ids;
}

/** Main nodes whose effect is still to be undone (or being undone), latest completion first. */
export function compensationsDue(graph: Graph, nodes: Nodes): NodeRunRecord[] {
  const due: NodeRunRecord[] = [];
  for (const node of nodes.values()) {
    if (graph.roles.get(node.nodeId)?.kind !== 'main') continue;
    if (node.status !== 'succeeded' && node.status !== 'compensating') continue;
    const producer = producerOf(nodes, node.nodeId);
    if (producer !== undefined && graph.compensation.has(producer)) due.push(node);
  }
  return due.sort((a, b) => (b.completedSeq ?? 0) - (a.completedSeq ?? 0));
}

/** The main node being undone through `producer`'s compensate edge. */
export function undoneBy(graph: Graph, nodes: Nodes, producer: string): NodeRunRecord | undefined {
  for (const n of nodes.values()) {
    if (graph.roles.get(n.nodeId)?.kind === 'main' && n.status === 'compensating' && producerOf(nodes, n.nodeId) === producer) return n;
  }
  return undefined;
}
