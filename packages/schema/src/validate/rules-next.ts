import { findCycles } from './cycles.js';
import { isTriggerNode, targetsOf, type Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/** `next` edges form a DAG. */
export function checkNextAcyclic(graph: Graph): ValidationIssue[] {
  return findCycles([...graph.nodeIndex.keys()], graph.next).map((cycle) =>
    issue(['edges', cycle.edge.index, 'target'], 'next_cycle', `next edges form a cycle: ${cycle.nodes.join(' → ')}`),
  );
}

/** Every node but fallback and compensation targets is reachable from the trigger through `next` edges. */
export function checkReachable(graph: Graph): ValidationIssue[] {
  // From every trigger: several triggers are one issue already, not a reason to flag their flows too.
  const reached = new Set(graph.nodes.filter((node) => isTriggerNode(node, graph.definitions)).map((node) => node.id));
  // Without a trigger every node would be unreachable; `no_trigger` says it once.
  if (reached.size === 0) return [];
  const successors = new Map<string, string[]>();
  for (const { edge } of graph.next) {
    const list = successors.get(edge.source);
    if (list === undefined) successors.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const queue = [...reached];
  for (let head = 0; head < queue.length; head++) {
    for (const next of successors.get(queue[head] as string) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  const standIns = new Set([...targetsOf(graph.fallback), ...targetsOf(graph.compensate)]);
  const out: ValidationIssue[] = [];
  graph.nodes.forEach((node, i) => {
    if (reached.has(node.id) || standIns.has(node.id)) return;
    out.push(issue(['nodes', i], 'unreachable', `node '${node.id}' is not reachable from the trigger through next edges`));
  });
  return out;
}
