import { memo, useEffect, useMemo, useState } from 'react';
import { Background, Controls, type FitViewOptions, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps, type NodeTypes, useReactFlow, useStore } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Workflow } from '@switchyard/schema';
import type { RunFlowEdge, RunFlowNode } from './run-flow';
import { CARD_HEIGHT, CARD_WIDTH, runFlow } from './run-flow';
import { TONE_COLOUR, type Tone } from './run-model';
import type { RunNode } from './types';

type RunCardNode = Node<{ card: RunFlowNode }, 'runCard'>;

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

function RunCardView({ data, selected }: NodeProps<RunCardNode>) {
  const { card } = data;
  const status = card.run?.status ?? 'not_reached';
  const faded = status === 'skipped' || status === 'not_reached';
  return (
    <div
      className={`run-card run-card--${card.look.tone}${faded ? ' run-card--faded' : ''}${selected ? ' is-selected' : ''}`}
      style={{ borderColor: card.look.colour, width: CARD_WIDTH, height: CARD_HEIGHT }}
      data-testid={`run-node-${card.id}`}
      data-status={status}
    >
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} style={hidden} />
      {/* Failure paths come in from above: their targets sit beneath their source. */}
      <Handle type="target" position={Position.Top} id="in-top" isConnectable={false} style={hidden} />
      <div className="run-card__title" title={card.id}>
        {card.title}
      </div>
      {/* The attempt count shares the type's line: on the status line it wrapped out of the card. */}
      <div className="run-card__type">
        <span>{card.type}</span>
        {card.attempts > 1 && <span className="run-card__attempts">↻ {card.attempts} attempts</span>}
      </div>
      <div className="run-card__status" style={{ color: card.look.colour }}>
        <span aria-hidden>{card.look.icon}</span> {card.run ? card.look.word : 'not reached'}
      </div>
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} style={hidden} />
      <Handle type="source" position={Position.Bottom} id="failure" isConnectable={false} style={{ ...hidden, left: '80%' }} />
      <Handle type="source" position={Position.Bottom} id="undo" isConnectable={false} style={{ ...hidden, left: '20%' }} />
    </div>
  );
}

const RunCard = memo(RunCardView);
const nodeTypes: NodeTypes = { runCard: RunCard };

/** Up to this many nodes the canvas opens showing them all. */
const FIT_ALL_MAX = 40;

const EDGE_TONE: Record<RunFlowEdge['kind'], Tone> = { next: 'success', fallback: 'fallback', compensate: 'compensation' };
const IDLE_NEXT = 'var(--color-edge, #94a3b8)';

function toEdge(e: RunFlowEdge): Edge {
  // Next edges are grey until taken (then green); failure paths keep their colour and get bold when taken.
  const colour = e.kind === 'next' && !e.taken ? IDLE_NEXT : TONE_COLOUR[EDGE_TONE[e.kind]];
  const dash = e.kind === 'fallback' ? '6 4' : e.kind === 'compensate' ? '2 4' : undefined;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.kind === 'next' ? 'out' : e.kind === 'fallback' ? 'failure' : 'undo',
    targetHandle: e.kind === 'next' ? 'in' : 'in-top',
    ...(e.label !== undefined ? { label: e.label } : {}),
    className: `run-edge run-edge--${e.kind}${e.taken ? ' run-edge--taken' : ''}`,
    data: { taken: e.taken },
    markerEnd: { type: MarkerType.ArrowClosed, color: colour },
    style: { stroke: colour, strokeWidth: e.taken ? 3 : 1.5, opacity: e.faded ? 0.35 : e.taken || e.kind === 'next' ? 1 : 0.6, ...(dash ? { strokeDasharray: dash } : {}) },
  };
}

const LEGEND: Array<[Tone, string, string]> = [
  ['success', '✓', 'succeeded'],
  ['running', '▶', 'running'],
  ['retrying', '↻', 'retrying'],
  ['fallback', '⤳', 'fallback / last known good'],
  ['compensation', '↶', 'undone (compensation)'],
  ['failure', '✕', 'failed'],
  ['deferred', '‖', 'deferred'],
  ['skipped', '⊘', 'skipped'],
  ['cancelled', '⊗', 'cancelled'],
];

export function RunLegend() {
  const [open, setOpen] = useState(true);
  return (
    <div className={`run-legend${open ? '' : ' run-legend--closed'}`} data-testid="run-legend">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Legend ▾' : 'Legend ▸'}
      </button>
      {open && (
        <ul>
          {LEGEND.map(([tone, icon, word]) => (
            <li key={tone} style={{ color: TONE_COLOUR[tone] }}>
              <span aria-hidden>{icon}</span> {word}
            </li>
          ))}
          <li>
            <span className="run-legend__line" style={{ borderColor: TONE_COLOUR.success }} /> taken edge (bold)
          </li>
        </ul>
      )}
    </div>
  );
}

/**
 * Brings a node selected elsewhere (Gantt, events list) into view when it is off screen, at
 * the current zoom: in a 200-node run most cards are outside the viewport.
 */
function FocusSelected({ nodeId, position }: { nodeId: string | null; position: { x: number; y: number } | undefined }) {
  const { setCenter, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (nodeId === null || position === undefined || width === 0 || height === 0) return;
    const { x, y, zoom } = getViewport();
    const left = position.x * zoom + x;
    const top = position.y * zoom + y;
    const visible = left >= 0 && top >= 0 && left + CARD_WIDTH * zoom <= width && top + CARD_HEIGHT * zoom <= height;
    if (!visible) void setCenter(position.x + CARD_WIDTH / 2, position.y + CARD_HEIGHT / 2, { zoom: Math.max(zoom, 0.5), duration: 300 });
    // Only a new selection moves the view (deps: nodeId alone), not a pan by the person.
  }, [nodeId]);
  return null;
}

/**
 * Fits the view again when the canvas changes size (the node panel opening or closing takes
 * 430 px of its width), unless the person has panned or zoomed by hand: a small workflow stays
 * whole on screen instead of being cut at the panel's edge.
 */
function RefitOnResize({ enabled, options }: { enabled: boolean; options: FitViewOptions }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (!enabled || width === 0 || height === 0) return;
    void fitView(options);
    // Only a change of size refits, not a new options object.
  }, [width, height]);
  return null;
}

/** The version that ran, read-only, coloured by node status; clicking a node selects it. */
export const RunCanvas = memo(function RunCanvas({ workflow, nodes, selected, onSelect }: { workflow: Pick<Workflow, 'nodes' | 'edges'>; nodes: readonly RunNode[]; selected: string | null; onSelect: (nodeId: string | null) => void }) {
  const flow = useMemo(() => runFlow(workflow, nodes), [workflow, nodes]);
  const baseNodes = useMemo<RunCardNode[]>(
    () =>
      flow.nodes.map((card) => ({
        id: card.id,
        type: 'runCard',
        position: card.position,
        // Sizes given up front: React Flow draws without measuring, so large runs and tests render at once.
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        data: { card },
        draggable: false,
        connectable: false,
      })),
    [flow],
  );
  // Only the selected node gets a new object, so selecting in a 200-node run redraws one card.
  const flowNodes = useMemo(() => baseNodes.map((n) => (n.id === selected ? { ...n, selected: true } : n)), [baseNodes, selected]);
  const flowEdges = useMemo(() => flow.edges.map(toEdge), [flow]);
  // A large run does not fit at a readable zoom: open on its start (leftmost cards) instead.
  const fitViewOptions = useMemo(() => {
    // Never above 1: a two-node run would otherwise open zoomed in on huge cards.
    if (flow.nodes.length <= FIT_ALL_MAX) return { minZoom: 0.1, maxZoom: 1 };
    const first = [...flow.nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y).slice(0, FIT_ALL_MAX);
    return { nodes: first.map((n) => ({ id: n.id })), minZoom: 0.1, maxZoom: 1 };
  }, [flow.nodes]);
  const [movedByHand, setMovedByHand] = useState(false);
  return (
    <div className="run-canvas" data-testid="run-canvas">
      <div className="run-canvas__flow">
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onlyRenderVisibleElements={flowNodes.length > 100}
          onNodeClick={(_, node) => onSelect(node.id)}
          onPaneClick={() => onSelect(null)}
          // A move without an event is the view's own (fit, focus); one with an event is the person's
          // (onMove, not onMoveStart: a plain click on a card starts a gesture that moves nothing).
          onMove={(event) => {
            if (event !== null && !movedByHand) setMovedByHand(true);
          }}
          fitView
          fitViewOptions={fitViewOptions}
          // As in the editor's canvas.
          proOptions={{ hideAttribution: true }}
          minZoom={0.1}
        >
          <Background />
          <Controls showInteractive={false} />
          <RefitOnResize enabled={flow.nodes.length <= FIT_ALL_MAX && !movedByHand} options={fitViewOptions} />
          <FocusSelected nodeId={selected} position={flow.nodes.find((n) => n.id === selected)?.position} />
        </ReactFlow>
      </div>
      <RunLegend />
    </div>
  );
});
