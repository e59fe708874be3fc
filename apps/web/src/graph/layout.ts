import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api';
import type { CanvasNode, Graph, Point } from './model';
import { moveNodes } from './operations';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 110;
const ROW_GAP = 50;
const COLUMN_GAP = 80;

/** Nodes that only run on failure (fallback and compensation targets) are laid out under the main path. */
export function failurePlanNodes(graph: Graph): Set<string> {
  const ids = new Set<string>();
  for (const e of graph.edges) if (e.kind === 'fallback' || e.kind === 'compensate') ids.add(e.target);
  return ids;
}

let elk: ElkApi | undefined;

/** ELK is large (about 1.4 MB): loaded on the first layout, not with the editor. */
async function getElk(): Promise<ElkApi> {
  if (!elk) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  return elk;
}

/** Main-path positions from ELK's layered algorithm, left to right. */
async function layoutMainPath(graph: Graph, mainNodes: CanvasNode[]): Promise<Map<string, Point>> {
  const engine = await getElk();
  const ids = new Set(mainNodes.map((n) => n.id));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(COLUMN_GAP),
      'elk.spacing.nodeNode': String(ROW_GAP),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: mainNodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges
      .filter((e) => e.kind === 'next' && ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const result = await engine.layout(root);
  const positions = new Map<string, Point>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}

/**
 * Auto-layout: the main path left to right (ELK layered), then each failure plan stacked in the
 * column of the node it protects, below the whole main path, so the happy path reads straight
 * and the failure plan reads underneath.
 */
export async function autoLayout(graph: Graph): Promise<Graph> {
  const planned = failurePlanNodes(graph);
  const main = graph.nodes.filter((n) => !planned.has(n.id));
  const positions = await layoutMainPath(graph, main);
  let bottom = 0;
  for (const p of positions.values()) bottom = Math.max(bottom, p.y + NODE_HEIGHT);
  const firstFailureRow = bottom + ROW_GAP * 2;
  const nextFreeY = new Map<number, number>();

  const childrenOf = (id: string): string[] => {
    const fallbacks = graph.edges
      .filter((e) => e.kind === 'fallback' && e.source === id)
      .sort((a, b) => (a.kind === 'fallback' && b.kind === 'fallback' ? (a.order ?? 1) - (b.order ?? 1) : 0))
      .map((e) => e.target);
    const compensations = graph.edges.filter((e) => e.kind === 'compensate' && e.source === id).map((e) => e.target);
    return [...fallbacks, ...compensations];
  };
  // A failure-plan node's own plan (the undo of a fallback, a fallback's fallback) goes one
  // column to the right and below it, so that its edges do not run through the cards above.
  const place = (id: string, column: number, belowY: number): void => {
    for (const child of childrenOf(id)) {
      if (positions.has(child)) continue;
      const y = Math.max(nextFreeY.get(column) ?? firstFailureRow, belowY);
      positions.set(child, { x: column, y });
      nextFreeY.set(column, y + NODE_HEIGHT + ROW_GAP);
      place(child, column + NODE_WIDTH + COLUMN_GAP, y + NODE_HEIGHT + ROW_GAP);
    }
  };
  const ordered = [...main].sort((a, b) => (positions.get(a.id)?.x ?? 0) - (positions.get(b.id)?.x ?? 0));
  for (const n of ordered) place(n.id, positions.get(n.id)?.x ?? 0, firstFailureRow);

  // Whatever is left (a failure target whose source is itself unplaced: a cycle) goes on a last row.
  let lastRow = firstFailureRow;
  for (const y of nextFreeY.values()) lastRow = Math.max(lastRow, y);
  let x = 0;
  for (const n of graph.nodes) {
    if (positions.has(n.id)) continue;
    positions.set(n.id, { x, y: lastRow });
    x += NODE_WIDTH + COLUMN_GAP;
  }
  return moveNodes(graph, positions);
}

/** Where a node without a stored position is drawn: a simple grid, stable by index. */
export function displayPosition(node: CanvasNode, index: number): Point {
  return node.position ?? { x: (index % 5) * (NODE_WIDTH + COLUMN_GAP), y: Math.floor(index / 5) * (NODE_HEIGHT + ROW_GAP) };
}

/**
 * The first spot at or below `p` where a new card does not cover another one, so that adding
 * several nodes in a row does not stack them.
 */
export function findFreeSpot(graph: Graph, p: Point): Point {
  const spot = { x: p.x, y: p.y };
  const overlaps = (): boolean =>
    graph.nodes.some((n, i) => {
      const q = displayPosition(n, i);
      return Math.abs(q.x - spot.x) < NODE_WIDTH && Math.abs(q.y - spot.y) < NODE_HEIGHT;
    });
  for (let tries = 0; tries < 50 && overlaps(); tries++) spot.y += NODE_HEIGHT + ROW_GAP / 2;
  return spot;
}
