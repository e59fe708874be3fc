import { describe, expect, it } from 'vitest';
import { anyLive, historyLine, localInputToIso, mergeFirstPage, sinceIso } from './runs-list-model';
import type { RunSummary } from './types';

const run = (id: string, status: RunSummary['status'] = 'succeeded'): RunSummary => ({
  id,
  workflowId: 'w',
  workflowVersion: 1,
  status,
  degraded: false,
  trigger: { kind: 'manual' },
  startedAt: null,
  finishedAt: null,
});

describe('runs list model', () => {
  it('puts new runs on top and updates known ones in place, keeping older pages', () => {
    const merged = mergeFirstPage([run('b', 'running'), run('a'), run('old')], [run('c', 'queued'), run('b', 'failed'), run('a')]);
    expect(merged.map((r) => `${r.id}:${r.status}`)).toEqual(['c:queued', 'b:failed', 'a:succeeded', 'old:succeeded']);
  });

  it('knows when a list holds a live run', () => {
    expect(anyLive([run('a'), run('b', 'waiting')])).toBe(true);
    expect(anyLive([run('a'), run('b', 'cancelled')])).toBe(false);
  });

  it('turns time presets and inputs into ISO times', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(sinceIso('any', now)).toBeUndefined();
    expect(sinceIso('24h', now)).toBe('2026-01-01T00:00:00.000Z');
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('nonsense')).toBeUndefined();
    expect(localInputToIso('2026-01-01T10:00')).toMatch(/^2026-01-01T\d\d:00:00\.000Z$/);
  });
});

describe('historyLine', () => {
  const retention = { succeededMaxAgeMs: 30 * 86_400_000, failedMaxAgeMs: 90 * 86_400_000, needsAttentionMaxAgeMs: null, testMaxAgeMs: 7 * 86_400_000, maxRunsPerWorkflow: null, diskBudgetBytes: null };
  it('says from when history is kept, what was pruned, and how long each kind is kept', () => {
    expect(historyLine({ oldestRunAt: '2026-11-07T10:00:00.000Z', prunedRuns: { succeeded: 40, failed: 2 }, prunedThrough: '2026-11-06T23:00:00.000Z', retention: { ...retention, diskBudgetBytes: 500 * 1024 * 1024 } })).toBe(
      'History from 2026-11-07 · 42 older runs pruned (through 2026-11-06) · kept: succeeded 30 days, failed 90 days, needs attention forever, test runs 7 days · within 500 MB',
    );
    expect(historyLine({ oldestRunAt: null, prunedRuns: {}, prunedThrough: null, retention })).toBe('No runs kept yet · kept: succeeded 30 days, failed 90 days, needs attention forever, test runs 7 days');
  });
});
