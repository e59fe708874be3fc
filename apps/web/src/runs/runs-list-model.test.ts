import { describe, expect, it } from 'vitest';
import { anyLive, localInputToIso, mergeFirstPage, sinceIso } from './runs-list-model';
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
