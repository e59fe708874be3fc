import { Position, getBezierPath, getSmoothStepPath } from '@xyflow/react';
import { HANDLE_FAILURE, HANDLE_IN, HANDLE_IN_TOP, HANDLE_MAIN, HANDLE_UNDO, branchHandleId } from '../../graph/handles';
import type { CanvasEdgeKind } from '../../graph/model';

/**
 * The far view's drawing model: what the canvas draws for a card and an edge at low zoom, as
 * plain data. It mirrors the DOM look (app.css: `.node-card`, `.react-flow__edge.edge-*`) so
 * that crossing the zoom threshold changes nothing but the detail shown.
 */

/** Below this zoom the editor draws cards and edges on one canvas (title-only cards). */
export const FAR_ZOOM = 0.3;

export function isFar(zoom: number): boolean {
  return zoom < FAR_ZOOM;
}

/** Design tokens (tokens.css) the far view paints with; the painter resolves them from CSS once. */
export const FAR_TOKENS = [
  '--c-edge-next',
  '--c-retry',
  '--c-retry-bg',
  '--c-fallback',
  '--c-fallback-bg',
  '--c-compensate',
  '--c-compensate-bg',
  '--c-failure',
  '--c-surface',
  '--c-border',
  '--c-selected',
  '--c-text',
  '--c-text-muted',
] as const;
export type FarToken = (typeof FAR_TOKENS)[number];

export interface Stroke {
  colour: FarToken;
  width: number;
  /** Canvas line dash in flow units, as the SVG's stroke-dasharray. */
  dash: readonly number[];
}

/** The stroke of an edge, as app.css styles `.react-flow__edge.edge-<kind> .react-flow__edge-path`. */
export function edgeStroke(kind: CanvasEdgeKind, state: { selected: boolean; hasIssue: boolean }): Stroke {
  const base: Record<CanvasEdgeKind, Stroke> = {
    next: { colour: '--c-edge-next', width: 1.5, dash: [] },
    fallback: { colour: '--c-fallback', width: 1.5, dash: [6, 4] },
    compensate: { colour: '--c-compensate', width: 1.5, dash: [2, 3] },
    retry: { colour: '--c-retry', width: 1.5, dash: [] },
  };
  const stroke = base[kind];
  return { ...stroke, colour: state.hasIssue ? '--c-failure' : stroke.colour, width: state.selected ? 3 : stroke.width };
}

/** The colour of an edge's label text (`.react-flow__edge.edge-* .react-flow__edge-text`); `null` is React Flow's default. */
export function edgeLabelColour(kind: CanvasEdgeKind, hasIssue: boolean): FarToken | null {
  if (hasIssue) return '--c-failure';
  if (kind === 'fallback') return '--c-fallback';
  if (kind === 'compensate') return '--c-compensate';
  return null;
}

export type CardRole = 'main' | 'fallback' | 'compensation';

export interface CardLook {
  fill: FarToken;
  border: FarToken;
  /** The 2 px selection ring outside the border (`box-shadow: 0 0 0 2px`), if any. */
  ring: FarToken | null;
}

/** A title-only card's look: `.node-card--<role>`, `.is-selected`, `.has-error` (which wins the border, as in app.css). */
export function cardLook(role: CardRole, selected: boolean, hasError: boolean): CardLook {
  const fill: Record<CardRole, FarToken> = { main: '--c-surface', fallback: '--c-fallback-bg', compensation: '--c-compensate-bg' };
  return {
    fill: fill[role],
    border: hasError ? '--c-failure' : selected ? '--c-selected' : '--c-border',
    ring: selected ? '--c-selected' : null,
  };
}

/** React Flow's default handle border (the editor keeps it for next handles). */
export const HANDLE_BORDER = '#ffffff';

export interface HandleLook {
  fill: FarToken;
  border: FarToken | typeof HANDLE_BORDER;
  alpha: number;
  /** A branch output's name, written beside its handle. */
  label: string | undefined;
}

/** A handle dot as app.css draws it (`.handle--in`, `--main`, `--branch`, `--in-top`, `--failure`, `--undo`), by handle id. */
export function handleLook(id: string | null | undefined): HandleLook {
  if (id === HANDLE_FAILURE) return { fill: '--c-fallback', border: '--c-fallback', alpha: 1, label: undefined };
  if (id === HANDLE_UNDO) return { fill: '--c-compensate', border: '--c-compensate', alpha: 1, label: undefined };
  if (id === HANDLE_IN_TOP) return { fill: '--c-border', border: '--c-border', alpha: 0.6, label: undefined };
  const branch = id?.startsWith('out:') ? id.slice('out:'.length) : undefined;
  return { fill: '--c-edge-next', border: HANDLE_BORDER, alpha: 1, label: branch };
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

/** A handle's box relative to its node, as React Flow measures it. */
export interface HandleBox extends Rect {
  id?: string | null;
  position: Position;
}

/** Which handles a card has (NodeCard renders the same ones). */
export interface HandleSpec {
  isTrigger: boolean;
  canFail: boolean;
  outputs: readonly string[] | null;
}

/**
 * A card's handle boxes as React Flow would measure them, relative to the card, from app.css:
 * 10 px dots (8 px for the top input) centred on the inner edge of the 1 px card border, the
 * failure and undo dots at 85 % and 15 % of the bottom edge, branch outputs spread down the right.
 * Used while the cards have no DOM handles (a large workflow opened in the far view).
 */
export function cardHandles(size: { width: number; height: number }, spec: HandleSpec): { source: HandleBox[]; target: HandleBox[] } {
  const { width: w, height: h } = size;
  const box = (id: string, position: Position, cx: number, cy: number, d = 10): HandleBox => ({ id, position, x: cx - d / 2, y: cy - d / 2, width: d, height: d });
  const target = spec.isTrigger ? [] : [box(HANDLE_IN, Position.Left, 1, h / 2), box(HANDLE_IN_TOP, Position.Top, w / 2, 1, 8)];
  const source =
    spec.outputs === null
      ? [box(HANDLE_MAIN, Position.Right, w - 1, h / 2)]
      : spec.outputs.map((output, i, all) => box(branchHandleId(output), Position.Right, w - 1, 1 + ((h - 2) * (i + 1)) / (all.length + 1)));
  if (spec.canFail && !spec.isTrigger) source.push(box(HANDLE_FAILURE, Position.Bottom, 1 + 0.85 * (w - 2), h - 1));
  if (!spec.isTrigger) source.push(box(HANDLE_UNDO, Position.Bottom, 1 + 0.15 * (w - 2), h - 1));
  return { source, target };
}

export interface Anchor extends Point {
  position: Position;
}

/**
 * Where an edge meets a handle, in flow coordinates: the middle of the handle's outer side, as
 * React Flow computes it. Before the handles are measured, the middle of the card's side.
 */
export function anchor(node: Rect, handle: HandleBox | undefined, side: Position): Anchor {
  const box: Rect = handle ?? { x: 0, y: 0, width: node.width, height: node.height };
  const position = handle?.position ?? side;
  const x = node.x + box.x;
  const y = node.y + box.y;
  switch (position) {
    case Position.Left:
      return { x, y: y + box.height / 2, position };
    case Position.Right:
      return { x: x + box.width, y: y + box.height / 2, position };
    case Position.Top:
      return { x: x + box.width / 2, y, position };
    case Position.Bottom:
      return { x: x + box.width / 2, y: y + box.height, position };
  }
}

export interface EdgeGeometry {
  /** SVG path data, the same React Flow draws (bezier for next edges, smooth steps for the others). */
  path: string;
  labelX: number;
  labelY: number;
}

export function edgeGeometry(kind: CanvasEdgeKind, source: Anchor, target: Anchor): EdgeGeometry {
  const params = { sourceX: source.x, sourceY: source.y, sourcePosition: source.position, targetX: target.x, targetY: target.y, targetPosition: target.position };
  const [path, labelX, labelY] = kind === 'next' ? getBezierPath(params) : getSmoothStepPath(params);
  return { path, labelX, labelY };
}

/**
 * React Flow's closed arrow at an edge's end (marker path `M-5,-4 L0,0 L-5,4 Z` in a 20-unit
 * box drawn 12.5 units wide, scaled by the stroke width), pointing into the target's side.
 */
export function arrowHead(target: Anchor, strokeWidth: number): [Point, Point, Point] {
  const scale = (12.5 / 20) * strokeWidth;
  const back = 5 * scale;
  const half = 4 * scale;
  const direction: Record<Position, Point> = { [Position.Left]: { x: 1, y: 0 }, [Position.Right]: { x: -1, y: 0 }, [Position.Top]: { x: 0, y: 1 }, [Position.Bottom]: { x: 0, y: -1 } };
  const { x: dx, y: dy } = direction[target.position];
  const baseX = target.x - dx * back;
  const baseY = target.y - dy * back;
  return [
    { x: target.x, y: target.y },
    { x: baseX - dy * half, y: baseY + dx * half },
    { x: baseX + dy * half, y: baseY - dx * half },
  ];
}

/** The retry loop on a card's top edge (`.node-card__retry-loop`: 20 px above, centred, 8 px padding). */
export function retryLoopBox(card: Rect, textWidth: number): Rect {
  const width = textWidth + 2 * 8 + 3;
  return { x: card.x + (card.width - width) / 2, y: card.y - 19, width, height: 15 };
}

/** Where a card's icon and title sit (`.node-card` padding 8/10 plus its border; 18 px icon, 6 px gap). */
export function titleBox(card: Rect): { iconX: number; textX: number; y: number; maxWidth: number } {
  const left = card.x + 11;
  const textX = left + 18 + 6;
  return { iconX: left + 9, textX, y: card.y + 9 + 8, maxWidth: Math.max(0, card.x + card.width - 11 - textX) };
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Whether a flow rectangle shows on a `width` x `height` screen under `viewport` (with a margin for rings and loops). */
export function onScreen(rect: Rect, viewport: Viewport, width: number, height: number, margin = 24): boolean {
  const left = rect.x * viewport.zoom + viewport.x;
  const top = rect.y * viewport.zoom + viewport.y;
  const m = margin * viewport.zoom;
  return left + rect.width * viewport.zoom + m >= 0 && top + rect.height * viewport.zoom + m >= 0 && left - m <= width && top - m <= height;
}

/** Cuts a single-line title to `maxWidth` with an ellipsis, given a way to measure text. */
export function fitText(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, mid)}…`) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : `${text.slice(0, low)}…`;
}
