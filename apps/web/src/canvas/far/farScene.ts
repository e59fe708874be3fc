import { Position } from '@xyflow/react';
import type { CanvasEdgeKind } from '../../graph/model';
import { GROUP_ICON } from '../cardModel';
import { anchor, cardHandles, cardLook, edgeGeometry, edgeLabelColour, edgeStroke, handleLook, type Anchor, type CardLook, type EdgeGeometry, type FarToken, type HandleBox, type HandleLook, type Rect, type Stroke } from './farModel';

/**
 * What the far view draws, read from React Flow's state: where each card is (React Flow's
 * measured size and position, so a dragged card and its edges move together) and how it looks.
 */

/** The parts of a React Flow internal node the far view reads (structural, so tests pass plain objects). */
export interface FarNodeInput {
  id: string;
  measured: { width?: number; height?: number };
  selected?: boolean;
  internals: {
    positionAbsolute: { x: number; y: number };
    handleBounds?: { source?: HandleBox[] | null; target?: HandleBox[] | null } | null | undefined;
    userNode: {
      /** The estimate a card is shown with until React Flow has measured it. */
      initialWidth?: number | undefined;
      initialHeight?: number | undefined;
      data: {
        title: string;
        group: string;
        role: 'main' | 'fallback' | 'compensation';
        issues: ReadonlyArray<{ severity: string }>;
        badges: ReadonlyArray<{ kind: string; text: string }>;
        node: { retry?: unknown };
        isTrigger: boolean;
        canFail: boolean;
        outputs: readonly string[] | null;
      };
    };
  };
}

/** The parts of a flow edge the far view reads. */
export interface FarEdgeInput {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  selected?: boolean;
  label?: unknown;
  data?: { kind: CanvasEdgeKind; hasIssue: boolean };
}

export interface FarCard {
  id: string;
  rect: Rect;
  look: CardLook;
  icon: string;
  title: string;
  /** The retry loop's text, when the node retries. */
  retry: string | undefined;
  /** Handle dots, centred in flow coordinates. */
  handles: FarHandle[];
}

export interface FarHandle {
  x: number;
  y: number;
  radius: number;
  look: HandleLook;
}

export interface FarEdge {
  id: string;
  /** The ids of the cards it joins. */
  between: readonly [string, string];
  kind: CanvasEdgeKind;
  stroke: Stroke;
  source: Anchor;
  target: Anchor;
  geometry: EdgeGeometry;
  label: string | undefined;
  labelColour: FarToken | null;
  /** The flow-space box around both ends, for skipping edges off screen (smooth steps reach 20 units beyond). */
  bounds: Rect;
}

export interface FarScene {
  cards: FarCard[];
  edges: FarEdge[];
}

/** The scene split in what stays (everything not touching `moving` cards) and what moves with them. */
export function splitScene(scene: FarScene, moving: ReadonlySet<string>): { still: FarScene; moved: FarScene } {
  const still: FarScene = { cards: [], edges: [] };
  const moved: FarScene = { cards: [], edges: [] };
  for (const c of scene.cards) (moving.has(c.id) ? moved : still).cards.push(c);
  for (const e of scene.edges) (moving.has(e.between[0]) || moving.has(e.between[1]) ? moved : still).edges.push(e);
  return { still, moved };
}

function handle(list: HandleBox[] | null | undefined, id: string | null | undefined): HandleBox | undefined {
  if (!list) return undefined;
  return (id == null ? list[0] : list.find((h) => h.id === id)) ?? undefined;
}

/** Edge geometry by edge id, kept while both ends stay put: panning rebuilds no path, a drag only the moved node's. */
export type GeometryCache = Map<string, { key: string; geometry: EdgeGeometry }>;

export function farScene(nodes: Iterable<FarNodeInput>, edges: readonly FarEdgeInput[], cache: GeometryCache = new Map()): FarScene {
  const cards: FarCard[] = [];
  const byId = new Map<string, { rect: Rect; handles: { source: HandleBox[]; target: HandleBox[] } }>();
  for (const node of nodes) {
    // Not measured yet: the size React Flow shows the card with; without one it hides the card too.
    const width = node.measured.width ?? node.internals.userNode.initialWidth;
    const height = node.measured.height ?? node.internals.userNode.initialHeight;
    if (!width || !height) continue;
    const rect = { x: node.internals.positionAbsolute.x, y: node.internals.positionAbsolute.y, width, height };
    const data = node.internals.userNode.data;
    // Measured handles when the card has DOM handles, else where the card would put them.
    const measuredHandles = node.internals.handleBounds;
    const handles = measuredHandles?.source || measuredHandles?.target ? { source: measuredHandles.source ?? [], target: measuredHandles.target ?? [] } : cardHandles(rect, data);
    byId.set(node.id, { rect, handles });
    cards.push({
      id: node.id,
      rect,
      look: cardLook(data.role, node.selected === true, data.issues.some((i) => i.severity === 'error')),
      icon: GROUP_ICON[data.group] ?? '?',
      title: data.title,
      retry: data.node.retry ? `↻ ${data.badges.find((b) => b.kind === 'retry')?.text ?? ''}` : undefined,
      handles: [...handles.target, ...handles.source].map((h) => ({
        x: rect.x + h.x + h.width / 2,
        y: rect.y + h.y + h.height / 2,
        radius: h.width / 2,
        look: handleLook(h.id),
      })),
    });
  }
  const drawn: FarEdge[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to || !edge.data) continue;
    const kind = edge.data.kind;
    const source = anchor(from.rect, handle(from.handles.source, edge.sourceHandle), kind === 'next' ? Position.Right : Position.Bottom);
    const target = anchor(to.rect, handle(to.handles.target, edge.targetHandle), kind === 'next' ? Position.Left : Position.Top);
    const key = `${kind} ${source.x} ${source.y} ${source.position} ${target.x} ${target.y} ${target.position}`;
    let hit = cache.get(edge.id);
    if (hit?.key !== key) {
      hit = { key, geometry: edgeGeometry(kind, source, target) };
      cache.set(edge.id, hit);
    }
    seen.add(edge.id);
    const reach = 40;
    const x = Math.min(source.x, target.x) - reach;
    const y = Math.min(source.y, target.y) - reach;
    drawn.push({
      id: edge.id,
      between: [edge.source, edge.target],
      kind,
      stroke: edgeStroke(kind, { selected: edge.selected === true, hasIssue: edge.data.hasIssue }),
      source,
      target,
      geometry: hit.geometry,
      label: typeof edge.label === 'string' ? edge.label : undefined,
      labelColour: edgeLabelColour(kind, edge.data.hasIssue),
      bounds: { x, y, width: Math.max(source.x, target.x) + reach - x, height: Math.max(source.y, target.y) + reach - y },
    });
  }
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return { cards, edges: drawn };
}
