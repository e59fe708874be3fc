// Bytes per run in the SQLite file, and what retention gives back: writes small finished runs
// (a webhook trigger, two node rows), measures the file, prunes all but the newest runs by
// count, runs the incremental vacuum, and measures again. Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RETENTION_DEFAULTS } from '@switchyard/schema';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { fullNodeRecord, runRecord } from '@switchyard/testkit';

const RUNS = Number(process.env.RUNS ?? 5000);
const KEEP = Number(process.env.KEEP ?? 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-retention-bench-'));
const file = path.join(dir, 'bench.db');
const now = Date.UTC(2026, 0, 1);

const sizeOf = (): number => fs.statSync(file).size;

async function main(): Promise<void> {
  let store = openSqliteStore({ path: file, checkpoints: 'inline' });
  const writes: Array<Promise<void>> = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `run_${i}`;
    const createdAt = now - (RUNS - i) * 1000;
    writes.push(store.createRun(runRecord(id, { workflowId: 'wf_bench', workflowVersion: 1, status: 'succeeded', createdAt, startedAt: createdAt, finishedAt: createdAt + 40 }), [fullNodeRecord(id, 'hook'), fullNodeRecord(id, 'shape')]));
    if (writes.length >= 500) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  await store.close();
  const before = sizeOf();
  store = openSqliteStore({ path: file, checkpoints: 'inline' });
  const policy = { ...RETENTION_DEFAULTS, succeededMaxAgeMs: null, maxRunsPerWorkflow: KEEP };
  let batches = 0;
  const started = process.hrtime.bigint();
  for (let report = await store.pruneRuns(policy, now, 200); ; report = await store.pruneRuns(policy, now, 200)) {
    batches += 1;
    await store.vacuumStep(2000);
    if (!report.more) break;
  }
  const pruneMs = Number(process.hrtime.bigint() - started) / 1e6;
  while ((await store.vacuumStep(2000)) > 0);
  await store.close();
  const after = sizeOf();
  process.stdout.write(
    `${JSON.stringify({ runs: RUNS, bytesBefore: before, bytesPerRunBefore: Math.round(before / RUNS), kept: KEEP, bytesAfter: after, bytesPerKeptRun: Math.round(after / KEEP), batches, pruneMs: Math.round(pruneMs) })}\n`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
