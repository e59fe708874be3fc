/**
 * How many single-node-completion changesets per second commit through group commit, for 1 and
 * 20 concurrent committers, with synchronous NORMAL and FULL. Run: pnpm exec tsx bench/commit.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AttemptRecord, NodeRunRecord, RunRecord } from '@switchyard/engine';
import { openSqliteStore, type SynchronousMode } from '../src/index.js';

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);

function runRecord(id: string): RunRecord {
  return {
    id,
    workflowId: 'wf_bench',
    workflowVersion: 1,
    status: 'running',
    degraded: false,
    phase: 'forward',
    trigger: { kind: 'manual', body: { orderId: 'o-1' } },
    createdAt: 1,
    startedAt: 1,
    finishedAt: null,
    stopReason: null,
    completionSeq: 0,
    mode: 'production',
  };
}

function nodeRecord(runId: string, n: number): NodeRunRecord {
  return {
    runId,
    nodeId: 'step',
    status: 'succeeded',
    source: 'self',
    epoch: 0,
    input: { orderId: 'o-1', n },
    output: { ok: true, n, items: [1, 2, 3] },
    params: { url: 'https://api.example.test/orders/o-1' },
    error: null,
    startedAt: n,
    finishedAt: n + 1,
    nextAttemptAt: null,
    deferredUntil: null,
    handle: null,
    handles: null,
    lastAttempt: n,
    tries: 1,
    interruptions: 0,
    completedSeq: n,
    fallbackIndex: null,
    exhaustedFailure: null,
  };
}

function attemptRecord(runId: string, n: number): AttemptRecord {
  return {
    runId,
    nodeId: 'step',
    number: n,
    epoch: 0,
    startedAt: n,
    finishedAt: n + 1,
    durationMs: 1,
    outcome: 'succeeded',
    error: null,
    delayBeforeMs: 0,
    request: { method: 'GET', url: 'https://api.example.test/orders/o-1', headers: {}, body: null, truncated: false },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true, n }, truncated: false },
  };
}

async function measure(synchronous: SynchronousMode, committers: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-'));
  const store = openSqliteStore({ path: path.join(dir, 'bench.db'), synchronous });
  try {
    const runs = Array.from({ length: committers }, (_, i) => runRecord(`run_${i}`));
    for (const run of runs) await store.createRun(run, [nodeRecord(run.id, 0)]);
    const before = store.groupCommitStats();
    const started = performance.now();
    const deadline = started + DURATION_MS;
    let committed = 0;
    // One committer = one run whose node completes again and again, each completion its own changeset.
    await Promise.all(
      runs.map(async (run) => {
        for (let n = 1; performance.now() < deadline; n++) {
          await store.commit({
            runs: [{ ...run, completionSeq: n }],
            nodes: [nodeRecord(run.id, n)],
            attempts: [attemptRecord(run.id, n)],
          });
          committed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const after = store.groupCommitStats();
    const transactions = after.transactions - before.transactions;
    console.log(
      [
        `synchronous=${synchronous.padEnd(6)}`,
        `committers=${String(committers).padStart(2)}`,
        `changesets/s=${Math.round(committed / seconds).toString().padStart(6)}`,
        `transactions/s=${Math.round(transactions / seconds).toString().padStart(6)}`,
        `changesets/transaction=${(committed / transactions).toFixed(1)}`,
      ].join('  '),
    );
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const synchronous of ['NORMAL', 'FULL'] as const) {
  for (const committers of [1, 20]) await measure(synchronous, committers);
}
