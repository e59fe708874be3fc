/**
 * Live-update benchmark (not a test): a run whose nodes hold 12 × 5 MB outputs, watched by 200
 * viewers that never read and 40 that read everything, against the real server (built:
 * apps/server/dist). Prints `/api/health` latency (p50, p99, max) while they watch, and the
 * server's peak RSS. Figures go to docs/benchmarks.md.
 *
 *   pnpm --filter @switchyard/bench bench:sse     (BENCH_PROFILE=dir: the server's CPU profile there)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { freePort } from '@switchyard/testkit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const cli = new URL('../../apps/server/dist/cli.js', import.meta.url).pathname;
const STALLED = 200;
const READING = 40;
const MiB = 1024 * 1024;

const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-sse-bench-'));
  const apiKey = `sk_bench_${randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), cli, 'start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], { env: { ...process.env, SWITCHYARD_API_KEY: apiKey }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('the server did not start');
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    const at = { x: 0, y: 0 };
    const nodes: Array<Record<string, unknown>> = [{ id: 'start', type: 'trigger.manual', position: at, params: {} }, { id: 'wait', type: 'delay', position: at, params: { ms: 10_000 } }];
    const edges: Array<Record<string, unknown>> = [{ id: 'ew', kind: 'next', source: 'start', target: 'wait' }];
    for (let i = 1; i <= 12; i++) {
      nodes.push({ id: `big${i}`, type: 'transform', position: at, params: { expression: `{{ $pad("", 5000000, "${i % 10}") }}` } });
      edges.push({ id: `eb${i}`, kind: 'next', source: 'start', target: `big${i}` });
    }
    let previous = 'wait';
    for (let i = 1; i <= 20; i++) {
      nodes.push({ id: `step${i}`, type: 'transform', position: at, params: { expression: `{{ ${i} }}` } });
      edges.push({ id: `es${i}`, kind: 'next', source: previous, target: `step${i}` });
      previous = `step${i}`;
    }
    const wf = await api('POST', '/api/workflows', { schemaVersion: 1, name: 'sse bench', nodes, edges });
    const runId = (await api('POST', `/api/workflows/${String(wf.id)}/runs`, { input: {} })).runId as string;
    while (((await api('GET', `/api/runs?workflowId=${String(wf.id)}`)).items as Array<{ status: string }>)[0]?.status !== 'waiting') await sleep(200);

    let peak = rssOf(child.pid!);
    const latencies: number[] = [];
    let watching = true;
    const sampler = (async () => {
      while (watching) {
        peak = Math.max(peak, rssOf(child.pid!));
        const started = performance.now();
        await (await fetch(`${url}/api/health`)).arrayBuffer();
        latencies.push(performance.now() - started);
        await sleep(50);
      }
    })();
    const stalled: Socket[] = [];
    for (let i = 0; i < STALLED; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`GET /api/runs/${runId}/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${apiKey}\r\n\r\n`);
      socket.pause();
      stalled.push(socket);
    }
    await Promise.all(Array.from({ length: READING }, async () => (await fetch(`${url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${apiKey}` } })).text()));
    watching = false;
    await sampler;
    for (const socket of stalled) socket.destroy();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`viewers: ${STALLED} stalled + ${READING} reading; health samples: ${sorted.length}`);
    console.log(`/api/health ms: p50 ${percentile(sorted, 50).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)}, max ${(sorted.at(-1) ?? 0).toFixed(1)}`);
    console.log(`server peak RSS: ${Math.round(peak / MiB)} MiB`);
  } finally {
    // A profiled server is stopped gently, so it writes its profile.
    if (process.env.BENCH_PROFILE) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    } else child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
