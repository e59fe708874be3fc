import type { Workflow, WorkflowEdge, WorkflowNode } from '@switchyard/schema';
import type { CanvasEdge, CanvasNode, Graph } from './model';

/** Copies only the keys that are set, so that `undefined` never appears where the JSON had no key. */
function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

/** The fields a node has in both models, deep-copied (the canvas's retry loop is an edge in the JSON). */
function copyNode(n: WorkflowNode | CanvasNode): WorkflowNode {
  return defined({
    id: n.id,
    type: n.type,
    name: n.name,
    position: n.position ? { x: n.position.x, y: n.position.y } : undefined,
    params: clone(n.params),
    integration: n.integration,
    credential: n.credential,
    policy: clone(n.policy),
    notes: n.notes,
  });
}

export function fromWorkflow(workflow: Workflow): Graph {
  const nodes: CanvasNode[] = workflow.nodes.map(copyNode);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: CanvasEdge[] = [];
  workflow.edges.forEach((e, seq) => {
    switch (e.kind) {
      case 'retry': {
        const node = e.source === e.target ? byId.get(e.source) : undefined;
        if (node && node.retry === undefined) node.retry = { id: e.id, policy: clone(e.retry), seq };
        else edges.push({ kind: 'retry', id: e.id, source: e.source, target: e.target, retry: clone(e.retry), seq });
        break;
      }
      case 'next':
        edges.push(defined({ kind: 'next', id: e.id, source: e.source, target: e.target, handle: e.handle, seq }));
        break;
      case 'fallback':
        edges.push(defined({ kind: 'fallback', id: e.id, source: e.source, target: e.target, on: clone(e.on), order: e.order, seq }));
        break;
      case 'compensate':
        edges.push({ kind: 'compensate', id: e.id, source: e.source, target: e.target, seq });
        break;
    }
  });
  const meta = defined({ name: workflow.name, description: workflow.description });
  return { meta, nodes, edges };
}

function toWorkflowEdge(e: CanvasEdge): WorkflowEdge {
  const base = { id: e.id, kind: e.kind, source: e.source, target: e.target };
  switch (e.kind) {
    case 'next':
      return defined({ ...base, kind: 'next', handle: e.handle });
    case 'fallback':
      return defined({ ...base, kind: 'fallback', on: clone(e.on), order: e.order });
    case 'compensate':
      return { ...base, kind: 'compensate' };
    case 'retry':
      return { ...base, kind: 'retry', retry: clone(e.retry) };
  }
}

export function toWorkflow(graph: Graph): Workflow {
  const nodes: WorkflowNode[] = graph.nodes.map(copyNode);
  const sequenced: Array<{ seq: number; edge: WorkflowEdge }> = graph.edges.map((e) => ({ seq: e.seq, edge: toWorkflowEdge(e) }));
  for (const n of graph.nodes) {
    if (n.retry) sequenced.push({ seq: n.retry.seq, edge: { id: n.retry.id, kind: 'retry', source: n.id, target: n.id, retry: clone(n.retry.policy) } });
  }
  // A stable sort keeps the authored order; new edges carry a larger seq and come last.
  sequenced.sort((a, b) => a.seq - b.seq);
  return defined({
    schemaVersion: 1 as const,
    name: graph.meta.name,
    description: graph.meta.description,
    nodes,
    edges: sequenced.map((s) => s.edge),
  });
}
