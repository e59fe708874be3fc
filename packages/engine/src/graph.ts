import type { FallbackEdge, NextEdge, RetryEdge, Workflow, WorkflowNode } from '@switchyard/schema';

/** What a node is in the run: on the main flow, a stand-in for another node, or an undo step. */
export type NodeRole =
  | { kind: 'main' }
  | { kind: 'fallback'; for: string }
  | { kind: 'compensation'; undoes: string };

/**
 * A validated workflow indexed for execution. Built once per workflow version; the engine
 * never walks the raw edge list on a hot path.
 */
export interface Graph {
  readonly workflow: Workflow;
  readonly nodes: ReadonlyMap<string, WorkflowNode>;
  readonly order: readonly string[];
  readonly triggerId: string;
  readonly incoming: ReadonlyMap<string, readonly NextEdge[]>;
  readonly outgoing: ReadonlyMap<string, readonly NextEdge[]>;
  readonly retry: ReadonlyMap<string, RetryEdge>;
  /** Fallback edges of a source, in the order they are tried. */
  readonly fallbacks: ReadonlyMap<string, readonly FallbackEdge[]>;
  /** The compensate target of a source. */
  readonly compensation: ReadonlyMap<string, string>;
  readonly roles: ReadonlyMap<string, NodeRole>;
}

export function compileGraph(workflow: Workflow): Graph {
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, NextEdge[]>();
  const outgoing = new Map<string, NextEdge[]>();
  const retry = new Map<string, RetryEdge>();
  const fallbacks = new Map<string, FallbackEdge[]>();
  const compensation = new Map<string, string>();
  const roles = new Map<string, NodeRole>();
  for (const n of workflow.nodes) {
    incoming.set(n.id, []);
    outgoing.set(n.id, []);
    roles.set(n.id, { kind: 'main' });
  }
  for (const e of workflow.edges) {
    switch (e.kind) {
      case 'next':
        incoming.get(e.target)?.push(e);
        outgoing.get(e.source)?.push(e);
        break;
      case 'retry':
        retry.set(e.source, e);
        break;
      case 'fallback': {
        const list = fallbacks.get(e.source) ?? [];
        list.push(e);
        fallbacks.set(e.source, list);
        roles.set(e.target, { kind: 'fallback', for: e.source });
        break;
      }
      case 'compensate':
        compensation.set(e.source, e.target);
        roles.set(e.target, { kind: 'compensation', undoes: e.source });
        break;
    }
  }
  for (const list of fallbacks.values()) list.sort((a, b) => (a.order ?? 1) - (b.order ?? 1));
  const triggerId = findTrigger(workflow, incoming);
  return {
    workflow,
    nodes,
    order: workflow.nodes.map((n) => n.id),
    triggerId,
    incoming,
    outgoing,
    retry,
    fallbacks,
    compensation,
    roles,
  };
}

/** The trigger is the main node without incoming `next` edges whose type is `trigger.*`. */
function findTrigger(workflow: Workflow, incoming: ReadonlyMap<string, readonly NextEdge[]>): string {
  const trigger = workflow.nodes.find((n) => n.type.startsWith('trigger.') && (incoming.get(n.id)?.length ?? 0) === 0);
  if (!trigger) throw new Error('workflow has no trigger node (it should not have passed validation)');
  return trigger.id;
}

/** The node on the main flow (or undo step) that `nodeId` ultimately stands in for. */
export function rootOf(graph: Graph, nodeId: string): string {
  let current = nodeId;
  for (;;) {
    const role = graph.roles.get(current);
    if (role?.kind !== 'fallback') return current;
    current = role.for;
  }
}

/** True for nodes that are compensation steps, or fallbacks standing in for one. */
export function isCompensationStep(graph: Graph, nodeId: string): boolean {
  return graph.roles.get(rootOf(graph, nodeId))?.kind === 'compensation';
}
