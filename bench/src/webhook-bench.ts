/**
 * Webhook benchmark (not a test): async webhook acceptance throughput and latency at
 * concurrency 1, 10 and 50, and a sync webhook through a 3-node workflow, against the real
 * server (`switchyard start`, its own process, SQLite in a temp dir) over loopback.
 * Every 202 is answered only after its run is committed. Figures go to docs/benchmarks.md.
 *
 *   pnpm --filter @switchyard/bench bench:webhooks      (BENCH_SECONDS=5 for longer runs)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const cli = new URL('../../apps/server/dist/cli.js', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, path: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function load(port: number, path: string, concurrency: number, duration: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + duration * 1000;
  const body = JSON.stringify({ orderId: 'o-1', amount: 42 });
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await post(port, path, body);
      latencies.push(performance.now() - t0);
      if (status !== 202 && status !== 200) errors += 1;
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: Math.round(latencies.length / elapsed), p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

async function api(port: number, key: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const asyncWorkflow = { schemaVersion: 1, name: 'accept', nodes: [{ id: 'hook', type: 'trigger.webhook', params: { path: 'accept' } }, { id: 'done', type: 'transform', params: { expression: '{{ $trigger.body.orderId }}' } }], edges: [{ id: 'e1', kind: 'next', source: 'hook', target: 'done' }] };
const syncWorkflow = {
  schemaVersion: 1,
  name: 'sync',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', params: { path: 'sync', mode: 'sync' } },
    { id: 'price', type: 'transform', params: { expression: '{{ { "order": body.orderId, "total": body.amount * 1.2 } }}' } },
    { id: 'reply', type: 'respond', params: { status: 200, body: '{{ $input }}' } },
  ],
  edges: [
    { id: 'e1', kind: 'next', source: 'hook', target: 'price' },
    { id: 'e2', kind: 'next', source: 'price', target: 'reply' },
  ],
};

/** Starts `switchyard start` in its own process on a fresh data dir with both workflows active; runs `work` against it. */
async function withServer(env: Record<string, string>, work: (port: number) => Promise<void>): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-webhook-bench-'));
  const key = `sk_bench_${randomBytes(16).toString('hex')}`;
  const server = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), cli, 'start', '--port', String(port), '--data-dir', dataDir], { env: { ...process.env, ...env, SWITCHYARD_API_KEY: key }, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (const wf of [asyncWorkflow, syncWorkflow]) {
      const { id } = (await api(port, key, 'POST', '/api/workflows', wf)) as { id: string };
      await api(port, key, 'POST', `/api/workflows/${id}/activate`);
    }
    await load(port, '/hooks/accept', 10, 1); // warm up
    await work(port);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const row = (scenario: string, c: number, r: Awaited<ReturnType<typeof load>>): void => {
    rows.push(`| ${scenario} | ${c} | ${r.rps} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} |`);
  };
  try {
    await withServer({}, async (port) => {
      for (const c of [1, 10, 50]) row('async webhook (202 after commit)', c, await load(port, '/hooks/accept', c, seconds));
      for (const c of [1, 10]) row('sync webhook, 3 nodes (answer of respond)', c, await load(port, '/hooks/sync', c, seconds));
    });
    await withServer({ SWITCHYARD_SQLITE_SYNCHRONOUS: 'full' }, async (port) => {
      row('async webhook, synchronous=FULL (fsync per commit)', 50, await load(port, '/hooks/accept', 50, seconds));
    });
  } finally {
    agent.destroy();
  }
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${seconds} s per row, load generator in a separate process`);
  console.log('| scenario | concurrency | requests/s | p50 | p99 | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

await main();
