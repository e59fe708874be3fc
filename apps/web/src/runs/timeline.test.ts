import { describe, expect, it } from 'vitest';
import { attemptTimeline, runGantt, MIN_BAR_PCT } from './timeline';
import { fixtureRun } from './fixture';
import type { Attempt, RunNode } from './types';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
function a(number: number, start: number, duration: number | null, extra: Partial<Attempt> = {}): Attempt {
  return {
    number,
    epoch: 1,
    startedAt: iso(start),
    finishedAt: duration === null ? null : iso(start + duration),
    durationMs: duration,
    outcome: duration === null ? null : 'failed',
    error: duration === null ? null : { category: 'server', message: 'HTTP 503', httpStatus: 503 },
    request: null,
    response: null,
    ...extra,
  };
}
function n(attempts: Attempt[], extra: Partial<RunNode> = {}): Pick<RunNode, 'attempts' | 'status' | 'nextAttemptAt' | 'deferredUntil'> {
  return { attempts, status: 'failed', nextAttemptAt: null, deferredUntil: null, ...extra };
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('attemptTimeline', () => {
  it('draws bars for attempts and gaps for the waits between them, labelled', () => {
    const items = attemptTimeline(n([a(1, 0, 100), a(2, 300, 100), a(3, 800, 200, { outcome: 'succeeded', error: null, response: { status: 200, headers: {}, body: null, truncated: false } })]), T0 + 10_000);
    expect(items.map((i) => i.kind)).toEqual(['attempt', 'wait', 'attempt', 'wait', 'attempt']);
    expect(items[0]).toMatchObject({ kind: 'attempt', number: 1, category: 'server', httpStatus: 503, label: 'failed · server · HTTP 503 · 100 ms' });
    expect(items[1]).toMatchObject({ kind: 'wait', durationMs: 200, label: 'waited 200 ms', epochBreak: false });
    expect(items[4]).toMatchObject({ outcome: 'succeeded', category: null, httpStatus: 200 });
    // Widths fill the bar exactly: the 100 ms attempts (10 %) get the minimum width, the rest share
    // what is left in proportion to time (200 : 400 : 200 ms).
    expect(sum(items.map((i) => i.widthPct))).toBeCloseTo(100);
    expect(items[0]!.widthPct).toBeCloseTo(MIN_BAR_PCT);
    expect(items[2]!.widthPct).toBeCloseTo(MIN_BAR_PCT);
    expect(items[3]!.widthPct).toBeCloseTo(2 * items[1]!.widthPct);
    expect(items[3]!.widthPct).toBeCloseTo(((100 - 2 * MIN_BAR_PCT) * 400) / 800);
    for (let i = 1; i < items.length; i++) expect(items[i]!.leftPct).toBeCloseTo(items[i - 1]!.leftPct + items[i - 1]!.widthPct);
  });

  it('keeps tiny attempts visible next to a long wait', () => {
    const items = attemptTimeline(n([a(1, 0, 1), a(2, 60_000, 1)]), T0);
    expect(items[0]!.widthPct).toBeGreaterThanOrEqual(MIN_BAR_PCT * 0.9);
    expect(sum(items.map((i) => i.widthPct))).toBeCloseTo(100);
  });

  it('marks a resume between epochs and gives it a fixed share, not hours of width', () => {
    const items = attemptTimeline(n([a(1, 0, 100), a(2, 3_600_000, 100, { epoch: 2 })]), T0);
    const wait = items[1]!;
    expect(wait).toMatchObject({ kind: 'wait', epochBreak: true, label: 'resumed after 59 min 59 s (epoch 2)' });
    expect(wait.widthPct).toBeLessThan(20);
  });

  it('shows the wait to the next attempt of a retrying node, and a running attempt up to now', () => {
    const retrying = attemptTimeline(n([a(1, 0, 100)], { status: 'retrying', nextAttemptAt: iso(1100) }), T0 + 600);
    expect(retrying[1]).toMatchObject({ kind: 'wait', upcoming: true, durationMs: 1000, label: 'next attempt in 500 ms' });
    const running = attemptTimeline(n([a(1, 0, null)], { status: 'running' }), T0 + 250);
    expect(running[0]).toMatchObject({ kind: 'attempt', durationMs: 250, outcome: null, label: 'running · 250 ms', widthPct: 100 });
  });

  it('is empty for a node that never ran', () => {
    expect(attemptTimeline(n([], { status: 'skipped' }), T0)).toEqual([]);
  });
});

describe('runGantt', () => {
  it('has one row per node with its attempts on the run time axis', () => {
    const run = fixtureRun();
    const g = runGantt(run.nodes, run, Date.now());
    expect(g.rows.map((r) => r.nodeId)).toEqual(run.nodes.map((x) => x.nodeId));
    expect(g.endMs - g.startMs).toBe(2000);
    const charge = g.rows.find((r) => r.nodeId === 'charge')!;
    expect(charge.bars).toHaveLength(2);
    expect(charge.bars[1]!.leftPct).toBeCloseTo((240 / 2000) * 100);
    expect(charge.bars[1]!.label).toBe('#2 failed · server · HTTP 503 · 30 ms');
    expect(g.rows.find((r) => r.nodeId === 'hold')!.bars).toEqual([]);
    for (const row of g.rows) for (const bar of row.bars) expect(bar.leftPct + bar.widthPct).toBeLessThanOrEqual(100.0001);
  });

  it('extends a live run to now', () => {
    const run = { ...fixtureRun(), finishedAt: null };
    const g = runGantt(run.nodes, run, Date.parse(run.startedAt!) + 10_000);
    expect(g.endMs - g.startMs).toBe(10_000);
  });

  it('lays out 200 nodes with 5 attempts each, one row per node', () => {
    const nodes: RunNode[] = Array.from({ length: 200 }, (_, i) => ({
      ...fixtureRun().nodes[1]!,
      nodeId: `n${i}`,
      attempts: Array.from({ length: 5 }, (_, k) => a(k + 1, i * 100 + k * 10, 5)),
    }));
    const g = runGantt(nodes, { startedAt: iso(0), finishedAt: iso(20_100) }, T0);
    expect(g.rows).toHaveLength(200);
  });
});
