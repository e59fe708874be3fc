import type { AttemptOutcome, RunNode } from './types';
import { attemptDurationMs, formatDuration, parseTime } from './run-model';

/**
 * The attempt timeline of one node and the whole-run Gantt, as positions in percent, so the
 * components only draw boxes. Waits between epochs (a resume hours later) would crush every
 * bar to a hairline, so they are drawn at a fixed share and labelled with their real length.
 */

export interface TimelineAttempt {
  kind: 'attempt';
  number: number;
  epoch: number;
  startMs: number;
  durationMs: number;
  outcome: AttemptOutcome | null;
  category: string | null;
  httpStatus: number | null;
  label: string;
  leftPct: number;
  widthPct: number;
}

export interface TimelineWait {
  kind: 'wait';
  durationMs: number;
  /** A wait for the next attempt that has not happened yet (the node is retrying or deferred). */
  upcoming: boolean;
  /** The gap spans a resume: the run stopped and was started again. */
  epochBreak: boolean;
  label: string;
  leftPct: number;
  widthPct: number;
}

export type TimelineItem = TimelineAttempt | TimelineWait;

/** The smallest width a bar gets, so a 1 ms attempt next to a 60 s wait stays visible, labelled (`✕2 503`) and clickable. */
export const MIN_BAR_PCT = 12;
/** The share an epoch break takes of the rest of the timeline. */
const EPOCH_BREAK_SHARE = 0.08;

export function attemptLabel(a: { outcome: AttemptOutcome | null; category: string | null; httpStatus: number | null; durationMs: number }): string {
  const parts = [a.outcome ?? 'running'];
  if (a.category !== null) parts.push(a.category);
  if (a.httpStatus !== null) parts.push(`HTTP ${a.httpStatus}`);
  parts.push(formatDuration(a.durationMs));
  return parts.join(' · ');
}

interface Segment {
  item: Omit<TimelineAttempt, 'leftPct' | 'widthPct'> | Omit<TimelineWait, 'leftPct' | 'widthPct'>;
  weight: number;
}

/** Places segments by weight, with a minimum width, scaled back to 100 %. */
function place(segments: Segment[]): TimelineItem[] {
  const total = segments.reduce((sum, s) => sum + s.weight, 0);
  if (segments.length === 0) return [];
  // Segments whose share is under the minimum get the minimum; the others share the rest by
  // weight (again, until none falls under it), so the minimum holds after scaling.
  const raw: number[] = segments.map(() => 0);
  if (total <= 0 || MIN_BAR_PCT * segments.length >= 100) raw.fill(100 / segments.length);
  else {
    const atMin = new Set<number>();
    for (;;) {
      const rest = 100 - MIN_BAR_PCT * atMin.size;
      const weight = segments.reduce((sum, seg, i) => sum + (atMin.has(i) ? 0 : seg.weight), 0);
      let changed = false;
      segments.forEach((seg, i) => {
        if (atMin.has(i)) return;
        const share = weight > 0 ? (seg.weight / weight) * rest : rest / (segments.length - atMin.size);
        if (share < MIN_BAR_PCT) {
          atMin.add(i);
          changed = true;
        }
        raw[i] = share;
      });
      if (!changed) break;
    }
    for (const i of atMin) raw[i] = MIN_BAR_PCT;
  }
  const scale = 100 / raw.reduce((sum, w) => sum + w, 0);
  let left = 0;
  return segments.map((s, i) => {
    const widthPct = (raw[i] ?? 0) * scale;
    const placed = { ...s.item, leftPct: left, widthPct } as TimelineItem;
    left += widthPct;
    return placed;
  });
}

/** A node's attempts as bars with the waits between them, across epochs, oldest first. */
export function attemptTimeline(node: Pick<RunNode, 'attempts' | 'status' | 'nextAttemptAt' | 'deferredUntil'>, now: number): TimelineItem[] {
  const segments: Segment[] = [];
  let prevEnd: number | null = null;
  let prevEpoch: number | null = null;
  for (const a of node.attempts) {
    const start: number = parseTime(a.startedAt) ?? prevEnd ?? now;
    const durationMs = attemptDurationMs(a, now);
    if (prevEnd !== null && start > prevEnd) {
      const wait = start - prevEnd;
      const epochBreak = prevEpoch !== null && a.epoch !== prevEpoch;
      segments.push({
        item: { kind: 'wait', durationMs: wait, upcoming: false, epochBreak, label: epochBreak ? `resumed after ${formatDuration(wait)} (epoch ${a.epoch})` : `waited ${formatDuration(wait)}` },
        weight: epochBreak ? -1 : wait,
      });
    }
    const category = a.error?.category ?? null;
    const httpStatus = a.error?.httpStatus ?? a.response?.status ?? null;
    segments.push({
      item: { kind: 'attempt', number: a.number, epoch: a.epoch, startMs: start, durationMs, outcome: a.outcome, category, httpStatus, label: attemptLabel({ outcome: a.outcome, category, httpStatus, durationMs }) },
      weight: durationMs,
    });
    prevEnd = start + durationMs;
    prevEpoch = a.epoch;
  }
  const until = node.status === 'retrying' ? parseTime(node.nextAttemptAt) : node.status === 'deferred' ? parseTime(node.deferredUntil) : null;
  if (until !== null) {
    const from = prevEnd ?? now;
    const wait = Math.max(0, until - from);
    const label = node.status === 'retrying' ? `next attempt in ${formatDuration(until - now)}` : `deferred, at most until ${new Date(until).toISOString()}`;
    segments.push({ item: { kind: 'wait', durationMs: wait, upcoming: true, epochBreak: false, label }, weight: wait });
  }
  // Epoch breaks get a fixed share of the real time around them.
  const real = segments.reduce((sum, s) => sum + (s.weight > 0 ? s.weight : 0), 0);
  for (const s of segments) if (s.weight < 0) s.weight = Math.max(real, 1) * EPOCH_BREAK_SHARE;
  return place(segments);
}

export interface GanttBar {
  number: number;
  outcome: AttemptOutcome | null;
  label: string;
  leftPct: number;
  widthPct: number;
}

export interface GanttRow {
  nodeId: string;
  status: RunNode['status'];
  source: RunNode['source'];
  bars: GanttBar[];
}

export interface Gantt {
  startMs: number;
  endMs: number;
  rows: GanttRow[];
}

/**
 * One row per node (in the order given, normally the workflow's), each attempt a bar on the
 * run's real time axis. O(nodes + attempts): a 200-node run is drawn without measuring anything.
 */
export function runGantt(nodes: readonly RunNode[], run: { startedAt: string | null; finishedAt: string | null }, now: number): Gantt {
  let startMs = parseTime(run.startedAt) ?? Number.POSITIVE_INFINITY;
  let endMs = parseTime(run.finishedAt) ?? Number.NEGATIVE_INFINITY;
  for (const n of nodes)
    for (const a of n.attempts) {
      const s = parseTime(a.startedAt);
      if (s === null) continue;
      startMs = Math.min(startMs, s);
      endMs = Math.max(endMs, s + attemptDurationMs(a, now));
    }
  if (!Number.isFinite(startMs)) startMs = now;
  if (!Number.isFinite(endMs) || parseTime(run.finishedAt) === null) endMs = Math.max(endMs, now);
  const span = Math.max(endMs - startMs, 1);
  const rows = nodes.map((n) => ({
    nodeId: n.nodeId,
    status: n.status,
    source: n.source,
    bars: n.attempts.map((a) => {
      const s = parseTime(a.startedAt) ?? startMs;
      const d = attemptDurationMs(a, now);
      const leftPct = Math.min(((s - startMs) / span) * 100, 100 - 0.5);
      const widthPct = Math.min(Math.max((d / span) * 100, 0.5), 100 - leftPct);
      return { number: a.number, outcome: a.outcome, label: `#${a.number} ${attemptLabel({ outcome: a.outcome, category: a.error?.category ?? null, httpStatus: a.error?.httpStatus ?? a.response?.status ?? null, durationMs: d })}`, leftPct, widthPct };
    }),
  }));
  return { startMs, endMs, rows };
}
