import type { Workflow, WorkflowEdge } from '@switchyard/schema';
import type { RunNode } from './types';
import type { Look } from './run-model';
import { nodeLook, takenEdges } from './run-model';

/**
 * The version that ran, as positioned boxes and lines for the read-only canvas. Kept apart from
 * the editor's canvas model on purpose: the run view needs no editing state, and this stays
 * correct while the editor's model changes.
 */

export const CARD_WIDTH = 200;
export const CARD_HEIGHT = 76;
const GAP_X = 80;
const GAP_Y = 50;

export interface RunFlowNode {
  id: string;
  type: string;
  title: string;
  position: { x: number; y: number };
  run: RunNode | undefined;
  look: Look;
  attempts: number;
}

export type RunEdgeKind = 'next' | 'fallback' | 'compensate';

export interface RunFlowEdge {
  id: string;
  kind: RunEdgeKind;
  source: string;
  target: string;
  label: string | undefined;
  taken: boolean;
  /** An edge into or out of a skipped node: drawn faded like the node. */
  faded: boolean;
}

const NOT_REACHED: Look = nodeLook({ status: 'pending', source: null });

/**
 * Positions for nodes without one (the format makes `position` optional): main nodes in
 * columns by their longest path of `next` edges, fallback and compensation targets beneath
 * their source, so the happy path reads left to right and the failure plan underneath (UX.md).
 */
export function layoutNodes(workflow: Pick<Workflow, 'nodes' | 'edges'>): Map<string, { x: number; y: number }> {
  const ids = workflow.nodes.map((n) => n.id);
  const next = workflow.edges.filter((e) => e.kind === 'next' && e.source !== e.target);
  const hasNextIn = new Set(next.map((e) => e.target));
  const auxOf = new Map<string, string>();
  const undoers = new Set<string>();
  for (const e of workflow.edges) {
    if ((e.kind === 'fallback' || e.kind === 'compensate') && !hasNextIn.has(e.target) && !auxOf.has(e.target)) {
      auxOf.set(e.target, e.source);
      if (e.kind === 'compensate') undoers.add(e.target);
    }
  }
  // Longest path over next edges by Kahn's order; nodes in a cycle (invalid) keep rank 0.
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of next) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const queue = ids.filter((id) => (indegree.get(id) ?? 0) === 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const e of next) {
      if (e.source !== id) continue;
      rank.set(e.target, Math.max(rank.get(e.target) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  }
  // Auxiliary nodes take their source's column (following chains of fallbacks); compensation
  // targets sit half a column to the left, under the card's undo handle (UX.md, bottom-left).
  const auxRank = (id: string, seen = new Set<string>()): number => {
    const source = auxOf.get(id);
    if (source === undefined || seen.has(id)) return rank.get(id) ?? 0;
    seen.add(id);
    return auxRank(source, seen);
  };
  const mainRows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of ids) {
    if (auxOf.has(id)) continue;
    const r = rank.get(id) ?? 0;
    const row = mainRows.get(r) ?? 0;
    mainRows.set(r, row + 1);
    positions.set(id, { x: r * (CARD_WIDTH + GAP_X), y: row * (CARD_HEIGHT + GAP_Y) });
  }
  const base = Math.max(1, ...mainRows.values()) * (CARD_HEIGHT + GAP_Y) + GAP_Y;
  // Each auxiliary card takes the first row beneath the main line where it overlaps no other.
  const rows: number[][] = [];
  for (const id of ids) {
    if (!auxOf.has(id)) continue;
    const x = (auxRank(id) - (undoers.has(id) ? 0.5 : 0)) * (CARD_WIDTH + GAP_X);
    let row = rows.findIndex((xs) => xs.every((other) => Math.abs(other - x) >= CARD_WIDTH + GAP_X / 2));
    if (row === -1) row = rows.push([]) - 1;
    rows[row]?.push(x);
    positions.set(id, { x, y: base + row * (CARD_HEIGHT + GAP_Y) });
  }
  return positions;
}

function edgeLabel(e: WorkflowEdge): string | undefined {
  switch (e.kind) {
    case 'next':
      return e.handle;
    case 'fallback':
      return [e.on ? `on: ${e.on.join(', ')}` : undefined, `#${e.order ?? 1}`].filter(Boolean).join(' ');
    case 'compensate':
      return 'undo';
    case 'retry':
      return undefined;
  }
}

export function runFlow(workflow: Pick<Workflow, 'nodes' | 'edges'>, runNodes: readonly RunNode[]): { nodes: RunFlowNode[]; edges: RunFlowEdge[] } {
  const byId = new Map(runNodes.map((n) => [n.nodeId, n]));
  const laidOut = workflow.nodes.every((n) => n.position !== undefined) ? null : layoutNodes(workflow);
  const nodes = workflow.nodes.map((n) => {
    const run = byId.get(n.id);
    return {
      id: n.id,
      type: n.type,
      title: n.name ?? n.id,
      position: n.position ? { x: n.position.x, y: n.position.y } : (laidOut?.get(n.id) ?? { x: 0, y: 0 }),
      run,
      look: run ? nodeLook(run) : NOT_REACHED,
      attempts: run?.attempts.length ?? 0,
    };
  });
  const taken = takenEdges(workflow.edges, workflow.nodes, runNodes);
  const skipped = (id: string) => byId.get(id)?.status === 'skipped';
  const edges: RunFlowEdge[] = [];
  for (const e of workflow.edges) {
    // A retry is a loop on its node: the card shows its attempts instead of a line.
    if (e.kind === 'retry') continue;
    edges.push({ id: e.id, kind: e.kind, source: e.source, target: e.target, label: edgeLabel(e), taken: taken.has(e.id), faded: skipped(e.source) || skipped(e.target) });
  }
  return { nodes, edges };
}
