/**
 * Engine benchmark (not a test): durable node executions per second and per-node engine overhead
 * for a 50-node `transform` chain and a 5-node `http.request` chain against a local upstream,
 * with SQLite in WAL mode at synchronous=NORMAL and FULL. Figures go to docs/benchmarks.md.
 *
 *   pnpm bench                 # all scenarios
 *   BENCH_SECONDS=5 pnpm bench # longer runs
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, systemClock, systemRandom } from '@switchyard/engine';
import type { Engine } from '@switchyard/engine';
import { createNodeRegistry } from '@switchyard/nodes';
import type { Workflow } from '@switchyard/schema';
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { SqliteStore } from '@switchyard/store-sqlite';
import { startUpstream } from '@switchyard/testkit';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);

function transformChain(length: number): Workflow {
  const nodes: Workflow['nodes'] = [{ id: 't', type: 'trigger.manual' }];
  const edges: Workflow['edges'] = [];
  let prev = 't';
  for (let i = 1; i <= length; i++) {
    const id = `n${i}`;
    nodes.push({ id, type: 'transform', params: { expression: i === 1 ? '{{ { "count": 1 } }}' : '{{ { "count": count + 1 } }}' } });
    edges.push({ id: `e${i}`, kind: 'next', source: prev, target: id });
    prev = id;
  }
  return { schemaVersion: 1, name: `transform x${length}`, nodes, edges };
}

function httpChain(length: number): Workflow {
  const nodes: Workflow['nodes'] = [{ id: 't', type: 'trigger.manual' }];
  const edges: Workflow['edges'] = [];
  let prev = 't';
  for (let i = 1; i <= length; i++) {
    const id = `h${i}`;
    nodes.push({ id, type: 'http.request', integration: 'svc', params: { method: 'POST', url: `{{ $integration.baseUrl & '/step' }}`, body: { step: i } } });
    edges.push({ id: `e${i}`, kind: 'next', source: prev, target: id });
    prev = id;
  }
  return { schemaVersion: 1, name: `http x${length}`, nodes, edges };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  scenario: string;
  synchronous: string;
  concurrency: number;
  runs: number;
  nodeExecutions: number;
  perSecond: number;
  p50us: number;
  p99us: number;
}

async function measure(
  scenario: string,
  workflow: Workflow,
  synchronous: 'NORMAL' | 'FULL',
  concurrency: number,
  setup: (store: SqliteStore) => Promise<void>,
): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const store = openSqliteStore({ path: join(dir, 'bench.db'), synchronous });
  await setup(store);
  await store.createWorkflow('w', workflow, Date.now());
  const engine: Engine = createEngine({ store, clock: systemClock(), random: systemRandom(), nodes: createNodeRegistry({ allowedHosts: ['127.0.0.1'] }) });
  await engine.start();
  // Per-node overhead: time from a node's predecessor finishing to the node finishing, as committed.
  const lastDone = new Map<string, number>();
  const gaps: number[] = [];
  engine.subscribe((e) => {
    if (e.type === 'node' && e.node.status === 'succeeded') {
      const now = performance.now();
      const prev = lastDone.get(e.runId);
      if (prev !== undefined) gaps.push(now - prev);
      lastDone.set(e.runId, now);
    }
  });
  const perRun = workflow.nodes.length;
  let runs = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const run = await engine.startRun({ workflowId: 'w', trigger: { kind: 'manual', body: { n: runs } } });
      const ended = await engine.waitForRun(run.id);
      if (ended.status !== 'succeeded') throw new Error(`run ended ${ended.status}`);
      lastDone.delete(run.id);
      runs += 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  await engine.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  gaps.sort((a, b) => a - b);
  return {
    scenario,
    synchronous,
    concurrency,
    runs,
    nodeExecutions: runs * perRun,
    perSecond: Math.round((runs * perRun) / elapsed),
    p50us: Math.round(percentile(gaps, 50) * 1000),
    p99us: Math.round(percentile(gaps, 99) * 1000),
  };
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  upstream.script('POST', '/svc/step', [{ status: 200, json: { ok: true } }]);
  const registerSvc = async (store: SqliteStore): Promise<void> => {
    const now = Date.now();
    await store.putIntegration({ id: 'svc', name: 'svc', baseUrl: `${upstream.url}/svc`, timeoutMs: 5000, credential: null, createdAt: now, updatedAt: now });
  };
  const none = async (): Promise<void> => {};
  const results: Result[] = [];
  const only = process.env.BENCH_ONLY;
  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    for (const concurrency of [1, 20]) {
      if (only !== 'http') results.push(await measure('transform chain, 50 nodes', transformChain(50), synchronous, concurrency, none));
      if (only !== 'transform') results.push(await measure('http.request chain, 5 nodes', httpChain(5), synchronous, concurrency, registerSvc));
    }
  }
  await upstream.close();
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${seconds} s per scenario`);
  console.log('| scenario | synchronous | concurrent runs | runs | node executions/s | per-node p50 | per-node p99 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(`| ${r.scenario} | ${r.synchronous} | ${r.concurrency} | ${r.runs} | ${r.perSecond} | ${r.p50us} µs | ${r.p99us} µs |`);
  }
}

await main();
