/**
 * Code node benchmark (not a test): executions per second and p50/p99 latency of a `code` node
 * next to a `transform` doing the same work (sum and count 100 numbers, build an object), one at a
 * time and 8 at a time, and the memory the sandbox pool adds. Figures go to docs/benchmarks.md.
 *
 *   pnpm --filter @switchyard/bench bench:code
 *   BENCH_SECONDS=5 CODE_WORKERS=2 pnpm --filter @switchyard/bench bench:code
 *
 * The transform's cost is what the engine does for it: evaluate its JSONata template against the
 * bindings, then run its executor. The code node's is its executor: a trip to a worker thread, a
 * fresh QuickJS runtime, the JSON copied in and out.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ExecutionContext, ExecutionResult } from '@switchyard/engine';
import { evaluateTemplate } from '@switchyard/expressions';
import { createCodeSandbox, createNodeRegistry } from '@switchyard/nodes';
import type { Json } from '@switchyard/schema';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const workers = Number(process.env.CODE_WORKERS ?? 2);
const input: Json = { items: Array.from({ length: 100 }, (_, i) => i) };
const CODE = 'let total = 0;\nfor (const n of $input.items) total += n;\nreturn { total, count: $input.items.length };';
const EXPRESSION = '{{ { "total": $sum($input.items), "count": $count($input.items) } }}';

function context(): ExecutionContext {
  return {
    runId: 'bench',
    workflowId: 'bench',
    nodeId: 'n',
    attempt: 1,
    epoch: 1,
    input,
    scope: { trigger: { kind: 'manual', body: null }, nodes: {}, run: { id: 'bench', workflowId: 'bench', workflowVersion: 1 } },
    integration: undefined,
    credential: undefined,
    idempotencyKey: 'bench:n:1',
    idempotencyKeyExplicit: false,
    timeoutMs: 30_000,
    signal: new AbortController().signal,
    now: () => Date.now(),
    deadline: (ms) => AbortSignal.timeout(ms),
    recordBodyBytes: 65_536,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(name: string, concurrency: number, once: () => Promise<ExecutionResult>): Promise<void> {
  for (let i = 0; i < 50; i++) await once(); // warm-up: JIT, workers started
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      const t = performance.now();
      const result = await once();
      latencies.push(performance.now() - t);
      if (!result.ok) throw new Error(`${name} failed: ${result.failure.message}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const us = (ms: number): string => `${Math.round(ms * 1000).toLocaleString('en-US')} µs`;
  console.log(`| ${name} | ${concurrency} | ${Math.round(latencies.length / elapsed).toLocaleString('en-US')} | ${us(percentile(latencies, 50))} | ${us(percentile(latencies, 99))} |`);
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${seconds} s per row, ${workers} sandbox workers`);
  const sandbox = createCodeSandbox({ workers });
  const registry = createNodeRegistry({ codeSandbox: sandbox });
  const code = registry.get('code')!;
  const transform = registry.get('transform')!;
  const runTransform = async (): Promise<ExecutionResult> => {
    const ctx = context();
    const expression = (await evaluateTemplate(EXPRESSION, { bindings: { input: ctx.input, trigger: ctx.scope?.trigger, nodes: {}, run: ctx.scope?.run } as never, now: () => Date.now() })) as Json;
    return transform.execute({ expression }, ctx);
  };
  const runCode = (): Promise<ExecutionResult> => code.execute({ code: CODE, timeLimitMs: 1_000 }, context());
  const check = await runCode();
  const checkTransform = await runTransform();
  if (!check.ok || !checkTransform.ok || JSON.stringify(check.output) !== JSON.stringify(checkTransform.output)) throw new Error('the two nodes do not do the same work');

  console.log('| node | in flight | executions/s | p50 | p99 |\n| --- | --- | --- | --- | --- |');
  for (const concurrency of [1, 8]) {
    await measure('transform', concurrency, runTransform);
    await measure('code', concurrency, runCode);
  }
  await registry.close();
  await sandbox.close();

  // The pool's memory: the process's resident set before the pool starts and with its workers warm.
  const fresh = createCodeSandbox({ workers });
  const freshRegistry = createNodeRegistry({ codeSandbox: fresh });
  const before = process.memoryUsage().rss;
  await Promise.all(Array.from({ length: workers * 4 }, () => freshRegistry.get('code')!.execute({ code: CODE, timeLimitMs: 1_000 }, context())));
  const warm = process.memoryUsage().rss;
  await Promise.all(
    Array.from({ length: workers }, () => freshRegistry.get('code')!.execute({ code: 'const b = []; for (let i = 0; i < 60; i++) b.push(new Uint8Array(1024 * 1024)); return b.length;', timeLimitMs: 5_000 }, context())),
  );
  const loaded = process.memoryUsage().rss;
  console.log(`\nsandbox pool memory (${workers} workers): +${mib(warm - before)} resident once warm, +${mib(loaded - before)} after each worker's VM used ~60 MiB (QuickJS limit 64 MiB)`);
  await freshRegistry.close();
  await fresh.close();
}

await main();
