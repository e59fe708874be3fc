import { NODE_ID_PATTERN, RESERVED_NODE_IDS } from '@switchyard/schema/constants';
import type { CanvasEdgeKind, Graph } from './model';

/** A readable base id from a node type: `http.request` -> `http_request`, `trigger.webhook` -> `webhook`. */
export function baseIdForType(type: string): string {
  const parts = type.split('.');
  const raw = parts[0] === 'trigger' && parts.length > 1 ? parts.slice(1).join('_') : parts.join('_');
  let base = raw.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 48);
  if (!/^[A-Za-z_]/.test(base)) base = `n_${base}`;
  return base || 'node';
}

export function isValidNodeId(id: string): boolean {
  return NODE_ID_PATTERN.test(id) && !RESERVED_NODE_IDS.has(id);
}

/** The first free id `base`, `base_2`, `base_3`, ... that the format accepts. */
export function uniqueNodeId(graph: Graph, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...graph.nodes.map((n) => n.id), ...taken]);
  const stem = isValidNodeId(base) ? base : baseIdForType(base);
  if (!used.has(stem) && isValidNodeId(stem)) return stem;
  for (let i = 2; ; i++) {
    const candidate = `${stem.slice(0, 58)}_${i}`;
    if (!used.has(candidate) && isValidNodeId(candidate)) return candidate;
  }
}

const EDGE_PREFIX: Record<CanvasEdgeKind, string> = { next: 'e', retry: 'r', fallback: 'f', compensate: 'c' };

export function allEdgeIds(graph: Graph): Set<string> {
  const ids = new Set(graph.edges.map((e) => e.id));
  for (const n of graph.nodes) if (n.retry) ids.add(n.retry.id);
  return ids;
}

export function uniqueEdgeId(graph: Graph, kind: CanvasEdgeKind, taken: ReadonlySet<string> = new Set()): string {
  const used = allEdgeIds(graph);
  for (const t of taken) used.add(t);
  const prefix = EDGE_PREFIX[kind];
  for (let i = 1; ; i++) {
    const candidate = `${prefix}${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The next free position in the edges array, so that new edges are written last. */
export function nextSeq(graph: Graph): number {
  let max = -1;
  for (const e of graph.edges) max = Math.max(max, e.seq);
  for (const n of graph.nodes) if (n.retry) max = Math.max(max, n.retry.seq);
  return max + 1;
}
