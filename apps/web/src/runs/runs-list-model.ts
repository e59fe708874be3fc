import type { RunHistory, RunSummary } from './types';
import { isLiveRun } from './types';

/** Pure rules of the runs list: time presets and merging a refreshed first page. */

export const SINCE_PRESETS = [
  { id: 'any', label: 'any time', ms: null },
  { id: '1h', label: 'last hour', ms: 3_600_000 },
  { id: '24h', label: 'last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'last 30 days', ms: 30 * 86_400_000 },
] as const;
export type SincePreset = (typeof SINCE_PRESETS)[number]['id'];

export function sinceIso(preset: SincePreset, now: number): string | undefined {
  const ms = SINCE_PRESETS.find((p) => p.id === preset)?.ms ?? null;
  return ms === null ? undefined : new Date(now - ms).toISOString();
}

/** `datetime-local` input (local time, no zone) to ISO UTC, or undefined when empty or invalid. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * A refreshed first page merged into the loaded list: known runs take their new state in place,
 * runs not seen before are newer and go on top. Pages loaded further down stay as they are, so
 * "load more" keeps working while the list refreshes.
 */
export function mergeFirstPage(current: readonly RunSummary[], fresh: readonly RunSummary[]): RunSummary[] {
  const freshById = new Map(fresh.map((r) => [r.id, r]));
  const known = new Set(current.map((r) => r.id));
  const added = fresh.filter((r) => !known.has(r.id));
  return [...added, ...current.map((r) => freshById.get(r.id) ?? r)];
}

export function anyLive(runs: readonly RunSummary[]): boolean {
  return runs.some((r) => isLiveRun(r.status));
}

const DAY_MS = 86_400_000;

function keptFor(ms: number | null): string {
  if (ms === null) return 'forever';
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} ${ms === DAY_MS ? 'day' : 'days'}`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** One line over the list: from when history is kept, what went, and for how long each kind is kept. */
export function historyLine(history: RunHistory): string {
  const pruned = Object.values(history.prunedRuns).reduce((a, b) => a + b, 0);
  const r = history.retention;
  const parts = [
    history.oldestRunAt === null ? 'No runs kept yet' : `History from ${history.oldestRunAt.slice(0, 10)}`,
    ...(pruned > 0 ? [`${pruned} older ${pruned === 1 ? 'run' : 'runs'} pruned${history.prunedThrough ? ` (through ${history.prunedThrough.slice(0, 10)})` : ''}`] : []),
    `kept: succeeded ${keptFor(r.succeededMaxAgeMs)}, failed ${keptFor(r.failedMaxAgeMs)}, needs attention ${keptFor(r.needsAttentionMaxAgeMs)}, test runs ${keptFor(r.testMaxAgeMs)}`,
    ...(r.maxRunsPerWorkflow === null ? [] : [`at most ${r.maxRunsPerWorkflow} per workflow`]),
    ...(r.diskBudgetBytes === null ? [] : [`within ${Math.round(r.diskBudgetBytes / 1024 / 1024)} MB`]),
  ];
  return parts.join(' · ');
}
