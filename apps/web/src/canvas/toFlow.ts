import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { NodeTypeInfos } from '@switchyard/schema';
import { sourceHandleFor, targetHandleFor } from '../graph/handles';
import type { LocatedIssue } from '../graph/issues';
import { displayPosition } from '../graph/layout';
import type { CanvasEdge, CanvasNode, Graph, Selection } from '../graph/model';
import { retryLabel } from '../graph/retry';
import { badges, integrationChip, outputsOf, summary, type Badge } from './cardModel';
import { formatDuration } from '../graph/retry';

/** Everything a node card renders; computed here so the card stays a plain view. */
export type NodeCardData = {
  node: CanvasNode;
  title: string;
  typeTitle: string;
  group: 'trigger' | 'integration' | 'logic' | 'unknown';
  isTrigger: boolean;
  canFail: boolean;
  chip: string | undefined;
  summary: string;
  timeout: string | undefined;
  badges: Badge[];
  outputs: readonly string[] | null;
  issues: LocatedIssue[];
  /** Failure-plan nodes are tinted so the plan reads apart from the happy path. */
  role: 'main' | 'fallback' | 'compensation';
};

export type CardNode = Node<NodeCardData, 'card'>;

/**
 * The flow nodes of the last call, by node id, with what they were computed from. A node whose
 * inputs are all the same objects keeps its flow node (and its `data`), so the memoised card does
 * not render again: dragging one card of 500 recomputes and re-renders that card only.
 */
export type FlowNodeCache = Map<string, { node: CanvasNode; index: number; edges: Graph['edges']; issues: LocatedIssue[] | undefined; selected: boolean; measured: { width?: number; height?: number } | undefined; flowNode: CardNode }>;

export function toFlowNodes(
  graph: Graph,
  selection: Selection,
  definitions: NodeTypeInfos,
  issuesByNode: ReadonlyMap<string, LocatedIssue[]>,
  measured: ReadonlyMap<string, { width?: number; height?: number }>,
  cache?: FlowNodeCache,
): CardNode[] {
  const selected = new Set(selection.nodes);
  let roles: Map<string, NodeCardData['role']> | undefined;
  const roleOf = (id: string): NodeCardData['role'] => {
    if (!roles) {
      roles = new Map();
      for (const e of graph.edges) {
        if (e.kind === 'fallback') roles.set(e.target, 'fallback');
        if (e.kind === 'compensate') roles.set(e.target, 'compensation');
      }
    }
    return roles.get(id) ?? 'main';
  };
  const seen = cache ? new Set<string>() : undefined;
  const result = graph.nodes.map((node, index) => {
    const inputs = { node, index, edges: graph.edges, issues: issuesByNode.get(node.id), selected: selected.has(node.id), measured: measured.get(node.id) };
    seen?.add(node.id);
    const hit = cache?.get(node.id);
    const same = hit !== undefined && hit.node === inputs.node && hit.index === inputs.index && hit.edges === inputs.edges && hit.issues === inputs.issues && hit.selected === inputs.selected;
    if (same && hit.measured === inputs.measured) return hit.flowNode;
    // Only the measured size changed (React Flow reporting it): the card's data stays the same
    // object, so the memoised card does not render again.
    const flowNode: CardNode = same ? { ...hit.flowNode, ...(inputs.measured ? { measured: inputs.measured } : {}) } : buildFlowNode(graph, inputs, definitions, roleOf);
    if (same && !inputs.measured) delete flowNode.measured;
    cache?.set(node.id, { ...inputs, flowNode });
    return flowNode;
  });
  if (cache && seen) for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return result;
}

function buildFlowNode(
  graph: Graph,
  { node, index, issues, selected, measured }: { node: CanvasNode; index: number; issues: LocatedIssue[] | undefined; selected: boolean; measured: { width?: number; height?: number } | undefined },
  definitions: NodeTypeInfos,
  roleOf: (id: string) => NodeCardData['role'],
): CardNode {
  const definition = definitions.get(node.type);
  const flowNode: CardNode = {
    id: node.id,
    type: 'card',
    position: displayPosition(node, index),
    selected,
    data: {
      node,
      title: node.name ?? node.id,
      typeTitle: definition?.title ?? node.type,
      group: definition?.group ?? 'unknown',
      isTrigger: definition?.isTrigger ?? node.type.startsWith('trigger.'),
      canFail: definition?.canFail ?? true,
      chip: integrationChip(node),
      summary: summary(node),
      timeout: node.policy?.timeoutMs !== undefined ? formatDuration(node.policy.timeoutMs) : undefined,
      badges: badges(node, graph),
      outputs: outputsOf(node, definition),
      issues: issues ?? [],
      role: roleOf(node.id),
    },
  };
  if (measured) flowNode.measured = measured;
  else {
    // Until React Flow measures the card, an estimate lets it (and the far view) show the card
    // at once instead of after a measuring pass; the measured size replaces it a frame later.
    flowNode.initialWidth = CARD_WIDTH;
    flowNode.initialHeight = estimatedCardHeight(flowNode.data.badges.length);
  }
  return flowNode;
}

/** The card's width in app.css (`.node-card`). */
export const CARD_WIDTH = 220;

/** A card's height as drawn: title and summary lines, then one badge row, a second when they wrap. */
export function estimatedCardHeight(badgeCount: number): number {
  return 65 + (badgeCount === 0 ? 0 : badgeCount <= 1 ? 23 : 43);
}

export type FlowEdgeData = { kind: CanvasEdge['kind']; hasIssue: boolean };
export type FlowEdge = Edge<FlowEdgeData>;

export function edgeLabel(edge: CanvasEdge): string | undefined {
  switch (edge.kind) {
    case 'next':
      return edge.handle;
    case 'fallback': {
      const on = edge.on === undefined ? 'on: any' : `on: ${edge.on.join(', ')}`;
      return `${on} #${edge.order ?? 1}`;
    }
    case 'compensate':
      return 'undo';
    case 'retry':
      return `retry ${retryLabel(edge.retry)}`;
  }
}

export function toFlowEdges(graph: Graph, selection: Selection, issuesByEdge: ReadonlyMap<string, LocatedIssue[]>): FlowEdge[] {
  const selected = new Set(selection.edges);
  return graph.edges.map((edge) => {
    const hasIssue = issuesByEdge.has(edge.id);
    const label = edgeLabel(edge);
    const flow: FlowEdge = {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: sourceHandleFor(edge),
      targetHandle: targetHandleFor(edge),
      type: edge.kind === 'next' ? 'default' : 'smoothstep',
      selected: selected.has(edge.id),
      className: `edge-${edge.kind}${hasIssue ? ' edge-has-issue' : ''}`,
      markerEnd: { type: MarkerType.ArrowClosed },
      data: { kind: edge.kind, hasIssue },
    };
    if (label !== undefined) flow.label = hasIssue ? `⚠ ${label}` : label;
    else if (hasIssue) flow.label = '⚠';
    return flow;
  });
}
