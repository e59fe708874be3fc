import type { WorkflowEdge, WorkflowNode } from '@switchyard/schema';
import type { Attempt, NodeStatus, RunDetail, RunNode, RunStatus } from './types';
import { OUTPUT_NODE_STATUSES, RESUMABLE_RUN_STATUSES } from './types';

/**
 * Pure rules of the run views: what a status looks like, which edges a run took, what a
 * resume will run again. No React here so every rule is tested as a table.
 */

/** The meaning colours of UX.md, shared by editor, run view and dashboard. */
export type Tone = 'success' | 'retrying' | 'fallback' | 'compensation' | 'failure' | 'skipped' | 'running' | 'deferred' | 'pending' | 'cancelled';

/** Design tokens when the app defines them, else the same hues inline. */
export const TONE_COLOUR: Record<Tone, string> = {
  success: 'var(--color-success, #15803d)',
  retrying: 'var(--color-retrying, #d97706)',
  fallback: 'var(--color-fallback, #ea580c)',
  compensation: 'var(--color-compensation, #7c3aed)',
  failure: 'var(--color-failure, #dc2626)',
  skipped: 'var(--color-skipped, #9ca3af)',
  running: 'var(--color-running, #2563eb)',
  deferred: 'var(--color-deferred, #475569)',
  pending: 'var(--color-pending, #94a3b8)',
  cancelled: 'var(--color-cancelled, #6b7280)',
};

/** A status as colour + word + icon: colour is never the only signal (UX.md). */
export interface Look {
  tone: Tone;
  colour: string;
  word: string;
  icon: string;
}

function look(tone: Tone, word: string, icon: string): Look {
  return { tone, colour: TONE_COLOUR[tone], word, icon };
}

const NODE_LOOK: Record<NodeStatus, Look> = {
  pending: look('pending', 'pending', '○'),
  running: look('running', 'running', '▶'),
  retrying: look('retrying', 'retrying', '↻'),
  deferred: look('deferred', 'deferred', '‖'),
  succeeded: look('success', 'succeeded', '✓'),
  failed: look('failure', 'failed', '✕'),
  skipped: look('skipped', 'skipped', '⊘'),
  compensating: look('compensation', 'undoing', '↶'),
  compensated: look('compensation', 'undone', '↶'),
  compensation_failed: look('failure', 'undo failed', '⚠'),
  cancelled: look('cancelled', 'cancelled', '⊗'),
};

/**
 * A node's look. A success that came from a fallback or a last-known-good value is shown in the
 * degraded orange: it did its job, but not the normal way (semantics.md "degraded").
 */
export function nodeLook(node: Pick<RunNode, 'status' | 'source'>): Look {
  if (node.status === 'succeeded' && node.source !== null && node.source !== 'self') {
    return look('fallback', node.source === 'last_known_good' ? 'last known good' : 'via fallback', '⤳');
  }
  return NODE_LOOK[node.status];
}

const RUN_LOOK: Record<RunStatus, Look> = {
  queued: look('pending', 'queued', '○'),
  running: look('running', 'running', '▶'),
  waiting: look('deferred', 'waiting', '‖'),
  succeeded: look('success', 'succeeded', '✓'),
  failed: look('failure', 'failed', '✕'),
  compensated: look('compensation', 'compensated', '↶'),
  needs_attention: look('failure', 'needs attention', '⚠'),
  cancelled: look('cancelled', 'cancelled', '⊗'),
};

export function runLook(status: RunStatus, degraded = false): Look {
  if (status === 'succeeded' && degraded) return look('fallback', 'succeeded, degraded', '⤳');
  return RUN_LOOK[status];
}

/** Describes a node's `source` in words, or null for an ordinary own output. */
export function sourceWords(source: string | null): string | null {
  if (source === null || source === 'self') return null;
  if (source === 'last_known_good') return 'output from the last known good value';
  if (source.startsWith('fallback:')) return `output from fallback ${source.slice('fallback:'.length)}`;
  return source;
}

/** Statuses that show a node never did anything. */
const NEVER_RAN: ReadonlySet<NodeStatus> = new Set(['pending', 'skipped']);

export function nodeRan(node: RunNode | undefined): boolean {
  if (node === undefined) return false;
  return node.attempts.length > 0 || !NEVER_RAN.has(node.status);
}

/**
 * The edges a run took (semantics.md "Flow"): a `next` edge when its source produced an output
 * (or failed with `onFailure: "continue"`) and, for a handled edge, chose that handle; a
 * fallback or compensate edge when its target ran. Retry edges are drawn on the node, not here.
 */
export function takenEdges(edges: readonly WorkflowEdge[], nodes: readonly Pick<WorkflowNode, 'id' | 'policy'>[], runNodes: readonly RunNode[]): Set<string> {
  const byId = new Map(runNodes.map((n) => [n.nodeId, n]));
  const continues = new Set(nodes.filter((n) => n.policy?.onFailure === 'continue').map((n) => n.id));
  const taken = new Set<string>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    switch (edge.kind) {
      case 'next': {
        if (source === undefined) break;
        const live = OUTPUT_NODE_STATUSES.has(source.status) || (source.status === 'failed' && continues.has(edge.source));
        if (live && (edge.handle === undefined || edge.handle === source.handle)) taken.add(edge.id);
        break;
      }
      case 'fallback':
      case 'compensate':
        if (nodeRan(byId.get(edge.target))) taken.add(edge.id);
        break;
      case 'retry':
        break;
    }
  }
  return taken;
}

/** `12 ms`, `1.5 s`, `3 min 4 s`, `2 h 5 min`, `3 d 4 h`: short and exact enough to compare. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(Math.floor(v / 100) / 10).toFixed(1)} s`;
  if (v < 60_000) return `${Math.floor(v / 1000)} s`;
  const s = Math.floor(v / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`;
}

export function parseTime(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** A run's duration; a live run counts up to `now`. */
export function runDurationMs(run: { startedAt: string | null; finishedAt: string | null }, now: number): number | null {
  const start = parseTime(run.startedAt);
  if (start === null) return null;
  return (parseTime(run.finishedAt) ?? now) - start;
}

export function attemptDurationMs(attempt: Attempt, now: number): number {
  if (attempt.durationMs !== null) return attempt.durationMs;
  const start = parseTime(attempt.startedAt) ?? now;
  return (parseTime(attempt.finishedAt) ?? now) - start;
}

/** One attempt of any node, for the run's events list. */
export interface RunEventRow {
  nodeId: string;
  attempt: Attempt;
  at: number;
}

/** Every attempt of the run, oldest first (ties keep node then number order). */
export function attemptsInOrder(nodes: readonly RunNode[]): RunEventRow[] {
  const rows: RunEventRow[] = [];
  for (const node of nodes) for (const attempt of node.attempts) rows.push({ nodeId: node.nodeId, attempt, at: parseTime(attempt.startedAt) ?? 0 });
  return rows.sort((a, b) => a.at - b.at);
}

export interface ResumePlan {
  allowed: boolean;
  /** Main-flow nodes whose success stands: kept, not executed again. */
  keep: string[];
  /** Every other main-flow node: it runs again if the flow reaches it, in a new epoch. */
  again: string[];
  /** Fallback and compensation targets: they act afresh, only if needed. */
  afresh: string[];
}

/**
 * semantics.md "Resume": what a resume keeps and what it may run again, for the confirmation.
 * Without the workflow's edges every node counts as main flow.
 */
export function resumePlan(run: Pick<RunDetail, 'status' | 'nodes'>, edges: readonly Pick<WorkflowEdge, 'kind' | 'target'>[] = []): ResumePlan {
  const nextTargets = new Set(edges.filter((e) => e.kind === 'next').map((e) => e.target));
  const helpers = new Set(edges.filter((e) => (e.kind === 'fallback' || e.kind === 'compensate') && !nextTargets.has(e.target)).map((e) => e.target));
  const keep: string[] = [];
  const again: string[] = [];
  const afresh: string[] = [];
  for (const node of run.nodes) {
    if (helpers.has(node.nodeId)) afresh.push(node.nodeId);
    else if (node.status === 'succeeded' || node.status === 'compensation_failed') keep.push(node.nodeId);
    else again.push(node.nodeId);
  }
  return { allowed: RESUMABLE_RUN_STATUSES.has(run.status), keep, again, afresh };
}

/** A short list of ids for a sentence: `a, b, c and 4 more`. */
export function listWords(ids: readonly string[], max = 6): string {
  if (ids.length === 0) return 'none';
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
