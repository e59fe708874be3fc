import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fullNodeRecord, runRecord, startUpstream, type Upstream } from '@switchyard/testkit';
import type { RunStatus } from '@switchyard/engine';
import { webhookWorkflow } from './support/fixtures.js';
import { eventually, pinnedClock, startHarness, type Harness, type LooseJson } from './support/harness.js';

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const at = { x: 0, y: 0 };

describe('retention: finished runs pruned in the background, in small batches', () => {
  let h: Harness | undefined;
  let upstream: Upstream | undefined;
  afterEach(async () => {
    await h?.close();
    await upstream?.close();
    h = undefined;
    upstream = undefined;
  });

  const activate = async (workflow: Record<string, unknown>): Promise<string> => {
    const created = await h!.api('POST', '/api/workflows', workflow);
    expect(created.status).toBe(201);
    expect((await h!.api('POST', `/api/workflows/${created.json.id}/activate`)).status).toBe(200);
    return created.json.id as string;
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    h!.raw('POST', `/hooks/${path}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const finished = async (runId: string): Promise<{ status: string; degraded: boolean; nodes: Array<{ nodeId: string; source: string | null }> }> =>
    eventually(async () => {
      const run = (await h!.api('GET', `/api/runs/${runId}`)).json;
      return ['succeeded', 'failed'].includes(run.status) ? run : undefined;
    });

  /** A finished (or not) run written straight into the store, with a payload the size of a real one. */
  const seed = async (id: string, workflowId: string, createdAt: number, status: RunStatus, kind: 'webhook' | 'manual' = 'webhook'): Promise<void> => {
    const finishedAt = ['queued', 'running', 'waiting'].includes(status) ? null : createdAt + 500;
    const trigger = kind === 'manual' ? { kind: 'manual' as const, body: { n: 1 } } : runRecord(id).trigger;
    await h!.server.store.createRun(runRecord(id, { workflowId, workflowVersion: 1, status, createdAt, startedAt: createdAt, finishedAt, trigger }), [
      fullNodeRecord(id, 'hook', { input: { note: 'x'.repeat(1500) } }),
      fullNodeRecord(id, 'shape', { output: { lines: 'y'.repeat(1500) } }),
    ]);
  };

  it('a simulated year on a small disk budget: old runs go while new ones run, unfinished ones stay, the file shrinks', async () => {
    const clock = pinnedClock(YEAR_START);
    const budget = 2 * 1024 * 1024;
    h = await startHarness({
      clock,
      env: {
        SWITCHYARD_RETAIN_SUCCEEDED: '30d',
        SWITCHYARD_RETAIN_FAILED: '90d',
        SWITCHYARD_RETAIN_TEST: '7d',
        SWITCHYARD_DB_BUDGET: String(budget),
        SWITCHYARD_PRUNE_EVERY_MS: '20',
        SWITCHYARD_PRUNE_BATCH: '100',
      },
    });
    const wf = await activate(webhookWorkflow({ path: 'year' }));
    // Runs that never finished, from the first day of the year: never pruned, whatever their age.
    await seed('run_unfinished_wait', wf, YEAR_START + 1000, 'waiting');
    await seed('run_unfinished_queue', wf, YEAR_START + 2000, 'queued');
    let peakBytes = 0;
    let seeded = 0;
    const delivered: string[] = [];
    for (let month = 0; month < 12; month++) {
      const monthStart = YEAR_START + month * 30 * DAY;
      clock.set(monthStart + 29 * DAY);
      const writes: Array<Promise<void>> = [];
      for (let i = 0; i < 300; i++) {
        const status: RunStatus = i % 10 === 0 ? 'failed' : i % 25 === 1 ? 'needs_attention' : 'succeeded';
        writes.push(seed(`run_${month}_${i}`, wf, monthStart + i * 8000, status, i % 7 === 3 ? 'manual' : 'webhook'));
        seeded += 1;
      }
      await Promise.all(writes);
      peakBytes = Math.max(peakBytes, fs.statSync(h.server.store.path).size, h.server.store.bytesInUse());
      // Real runs execute while the pruner works through the backlog.
      const answers = await Promise.all([1, 2, 3].map((n) => post('year', { month, n })));
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        delivered.push(answer.json.runId as string);
        expect((await finished(answer.json.runId as string)).status).toBe('succeeded');
      }
    }
    expect(seeded).toBe(3600);
    expect(delivered).toHaveLength(36);

    // Within budget, pruned in many batches of at most 100.
    await eventually(async () => (h!.server.store.bytesInUse() <= budget ? true : undefined));
    const stats = h.server.pruner.stats();
    expect(stats.pruned).toBeGreaterThan(2000);
    expect(stats.batches).toBeGreaterThanOrEqual(Math.ceil(stats.pruned / 100));
    // Nothing unfinished was touched.
    expect((await h.api('GET', '/api/runs/run_unfinished_wait')).json.status).toBe('waiting');
    expect((await h.api('GET', '/api/runs/run_unfinished_queue')).json.status).toBe('queued');
    // Age rules: nothing succeeded older than 30 days, nothing failed older than 90, no test run older than 7.
    const now = clock.now();
    const kept = await allRuns(h);
    for (const run of kept) {
      if (run.finishedAt === null) continue;
      const age = now - Date.parse(run.finishedAt);
      if (run.status === 'succeeded') expect(age).toBeLessThan(31 * DAY);
      if (run.status === 'failed') expect(age).toBeLessThan(91 * DAY);
    }
    expect(kept.filter((r) => r.status === 'failed').length).toBeGreaterThan(0);
    // The runs answer says how far back history goes and keeps the totals of what went.
    // (Read once the pruner has caught up: both sides keep moving until then.)
    const page: LooseJson = await eventually(async (): Promise<LooseJson> => {
      const answer = (await h!.api('GET', '/api/runs?limit=1')).json;
      const prunedTotal = Object.values(answer.history.prunedRuns as Record<string, number>).reduce((a, b) => a + b, 0);
      return prunedTotal === h!.server.pruner.stats().pruned ? answer : undefined;
    });
    expect(page.history.oldestRunAt).toBe(new Date(YEAR_START + 1000).toISOString());
    expect(page.history.prunedThrough).not.toBeNull();
    expect(page.history.retention).toMatchObject({ succeededMaxAgeMs: 30 * DAY, diskBudgetBytes: budget });
    // The space went back to the file system (incremental vacuum, then a checkpoint).
    await eventually(async () => (fs.statSync(h!.server.store.path).size < peakBytes / 2 ? true : undefined));
  });

  it('keeps what later runs need: idempotency replays and last-known-good values survive pruning by count', async () => {
    upstream = await startUpstream();
    upstream.script('GET', '/rates', [{ status: 200, json: { rate: 1.25 } }]);
    h = await startHarness({ env: { SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW: '3', SWITCHYARD_PRUNE_EVERY_MS: '20', SWITCHYARD_PRUNE_BATCH: '10' } });
    const hook = await activate(webhookWorkflow({ path: 'keyed', idempotency: { header: 'Idempotency-Key' } }));
    const first = await post('keyed', { v: 1 }, { 'idempotency-key': 'k-kept' });
    expect(first.status).toBe(202);
    await finished(first.json.runId as string);
    const rates = await activate({
      schemaVersion: 1,
      name: 'Rates',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: at, params: { path: 'rates' } },
        { id: 'call', type: 'http.request', position: at, params: { method: 'GET', url: `${upstream.url}/rates` }, policy: { lastKnownGood: { maxAgeMs: 30 * DAY } } },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 'hook', target: 'call' }],
    });
    const good = (await post('rates', {})).json.runId as string;
    expect((await finished(good)).status).toBe('succeeded');
    for (let n = 0; n < 8; n++) {
      await finished((await post('keyed', { n })).json.runId as string);
      await finished((await post('rates', { n })).json.runId as string);
    }
    // Pruned by count: three runs of each workflow stay, plus the one a live idempotency key points at.
    await eventually(async () => ((await allRuns(h!)).filter((r) => r.workflowId === rates).length === 3 ? true : undefined));
    await eventually(async () => ((await allRuns(h!)).filter((r) => r.workflowId === hook).length === 4 ? true : undefined));
    expect((await h.api('GET', `/api/runs/${good}`)).status).toBe(404);
    expect((await h.api('GET', `/api/runs/${first.json.runId}`)).status).toBe(200);
    // The replay still answers the first answer, with no new run.
    const replay = await post('keyed', { v: 2 }, { 'idempotency-key': 'k-kept' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    // The upstream fails now: the last known good value, stored by a run long pruned, answers.
    upstream.script('GET', '/rates', [{ status: 503 }]);
    const degraded = await finished((await post('rates', {})).json.runId as string);
    expect(degraded).toMatchObject({ status: 'succeeded', degraded: true });
    expect(degraded.nodes.find((n) => n.nodeId === 'call')?.source).toBe('last_known_good');
  });
});

async function allRuns(h: Harness): Promise<Array<{ id: string; status: string; finishedAt: string | null; workflowId: string }>> {
  const items: Array<{ id: string; status: string; finishedAt: string | null; workflowId: string }> = [];
  let cursor: string | null = null;
  do {
    const page: LooseJson = (await h.api('GET', `/api/runs?limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)).json;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
