import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { eventually, startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';

const childScript = new URL('./engine-process.mjs', import.meta.url).pathname;

function startEngineProcess(db: string, start: unknown[] = []): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [childScript], {
    env: { ...process.env, DB: db, START: JSON.stringify(start) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolve(code);
    });
  });
  return { child, done };
}

/** Waits for what the engine process does (a bound against hangs, generous for a busy machine). */
const until = (condition: () => boolean | Promise<boolean>, what: string): Promise<true> => eventually(async () => ((await condition()) ? true : undefined), { what });

/** trigger -> a -> b -> c, each a POST to the upstream; b may carry a retry edge. */
function chain(upstream: Upstream, retry?: { maxAttempts: number; delayMs: number }): Workflow {
  const call = (id: string) => ({
    id,
    type: 'http.request',
    integration: 'svc',
    params: { method: 'POST', url: `{{ $integration.baseUrl & '/${id}' }}`, body: { step: id, order: '{{ $trigger.body.n }}' } },
    policy: { timeoutMs: 5000 },
  });
  const edges: Workflow['edges'] = [
    { id: 'e1', kind: 'next', source: 't', target: 'a' },
    { id: 'e2', kind: 'next', source: 'a', target: 'b' },
    { id: 'e3', kind: 'next', source: 'b', target: 'c' },
  ];
  if (retry) {
    edges.push({ id: 'r1', kind: 'retry', source: 'b', target: 'b', retry: { maxAttempts: retry.maxAttempts, backoff: 'fixed', initialDelayMs: retry.delayMs, jitter: 'none' } });
  }
  void upstream;
  return { schemaVersion: 1, name: 'chain', nodes: [{ id: 't', type: 'trigger.manual' }, call('a'), call('b'), call('c')], edges };
}

interface Outcome {
  status: string;
  nodes: Record<string, { status: string; output: unknown; outcomes: string[] }>;
}

async function outcomes(db: string): Promise<Outcome[]> {
  const store = openSqliteStore({ path: db });
  try {
    const { items } = await store.listRuns({ limit: 200 });
    const result: Outcome[] = [];
    const n = (run: { trigger: unknown }): number => (run.trigger as { body: { n: number } }).body.n;
    for (const run of items.sort((x, y) => n(x) - n(y))) {
      const nodes: Outcome['nodes'] = {};
      for (const n of await store.listNodeRuns(run.id)) {
        const attempts = await store.listAttempts(run.id, n.nodeId);
        // The output without response headers (a Date header differs between two runs).
        const output = n.output && typeof n.output === 'object' && 'status' in n.output ? { status: n.output.status, body: n.output.body } : n.output;
        nodes[n.nodeId] = { status: n.status, output, outcomes: attempts.map((a) => a.outcome ?? 'open') };
      }
      result.push({ status: run.status, nodes });
    }
    return result;
  } finally {
    await store.close();
  }
}

describe('crash safety with real processes (SIGKILL and restart)', () => {
  let dir: string;
  let upstream: Upstream;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
    upstream = await startUpstream();
  });
  afterEach(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function prepare(db: string, workflow: Workflow): Promise<void> {
    const store = openSqliteStore({ path: db });
    await store.createWorkflow('chain', workflow, Date.now());
    await store.putIntegration({ id: 'svc', name: 'svc', baseUrl: `${upstream.url}/svc`, timeoutMs: null, credential: null, createdAt: Date.now(), updatedAt: Date.now() });
    await store.close();
  }

  const runs = [1, 2, 3].map((n) => ({ workflowId: 'chain', body: { n } }));

  it('repeats an HTTP call interrupted in flight with the same idempotency key, and nothing else', async () => {
    const okStep = { status: 200, json: { ok: true } };
    // Control: the same runs without a crash.
    const control = join(dir, 'control.db');
    await prepare(control, chain(upstream));
    for (const p of ['/svc/a', '/svc/b', '/svc/c']) upstream.script('POST', p, [okStep]);
    expect(await startEngineProcess(control, runs).done).toBe(0);
    const expected = await outcomes(control);
    upstream.reset();

    const db = join(dir, 'crash.db');
    await prepare(db, chain(upstream));
    upstream.script('POST', '/svc/a', [okStep]);
    upstream.script('POST', '/svc/b', [{ hang: true }, { hang: true }, { hang: true }, okStep]);
    upstream.script('POST', '/svc/c', [okStep]);
    const first = startEngineProcess(db, runs);
    await until(() => upstream.countFor('POST', '/svc/b') === 3, 'three hanging calls to b');
    first.child.kill('SIGKILL');
    await first.done;
    expect(await startEngineProcess(db).done).toBe(0);

    const after = await outcomes(db);
    expect(after.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(after.map((r) => Object.fromEntries(Object.entries(r.nodes).map(([k, v]) => [k, [v.status, v.output]])))).toEqual(
      expected.map((r) => Object.fromEntries(Object.entries(r.nodes).map(([k, v]) => [k, [v.status, v.output]]))),
    );
    // No succeeded node ran twice; the interrupted call was repeated once, with the same key.
    expect(upstream.countFor('POST', '/svc/a')).toBe(3);
    expect(upstream.countFor('POST', '/svc/c')).toBe(3);
    const keys = upstream.keysFor('POST', '/svc/b');
    expect(keys).toHaveLength(6);
    for (const key of new Set(keys)) expect(keys.filter((k) => k === key)).toHaveLength(2);
    for (const r of after) expect(r.nodes.b?.outcomes).toEqual(['interrupted', 'succeeded']);
  });

  it('keeps retry timers across a crash and ends every run as without it', async () => {
    const db = join(dir, 'timers.db');
    await prepare(db, chain(upstream, { maxAttempts: 3, delayMs: 5_000 }));
    upstream.script('POST', '/svc/a', [{ status: 200, json: { ok: true } }]);
    upstream.script('POST', '/svc/b', [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, json: { ok: true } }]);
    upstream.script('POST', '/svc/c', [{ status: 200, json: { ok: true } }]);
    const first = startEngineProcess(db, runs);
    // Every run is now waiting on a durable retry timer (long enough that a busy machine still
    // sees all three waiting before the first one fires).
    await until(async () => (await outcomes(db)).filter((r) => r.nodes.b?.status === 'retrying').length === 3, 'all three runs waiting to retry b');
    first.child.kill('SIGKILL');
    await first.done;
    const waiting = await outcomes(db);
    expect(waiting.map((r) => r.nodes.b?.status)).toEqual(['retrying', 'retrying', 'retrying']);
    expect(await startEngineProcess(db).done).toBe(0);
    const after = await outcomes(db);
    expect(after.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(upstream.countFor('POST', '/svc/a')).toBe(3);
    expect(upstream.countFor('POST', '/svc/b')).toBe(6);
    expect(upstream.countFor('POST', '/svc/c')).toBe(3);
    for (const r of after) expect(r.nodes.b?.outcomes).toEqual(['failed', 'succeeded']);
  }, 30_000);
});
