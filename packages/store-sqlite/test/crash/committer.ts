/**
 * Child process of crash.test.ts: commits node completions one after another and prints
 * `committed <n>` after each commit resolves, until the parent kills it with SIGKILL.
 * Usage: node --import tsx committer.ts <db file> <NORMAL|FULL>
 */
import { newNodeRun } from '@switchyard/engine';
import { openSqliteStore } from '../../src/index.js';

const [file, mode] = process.argv.slice(2);
if (file === undefined || (mode !== 'NORMAL' && mode !== 'FULL')) {
  process.stderr.write('usage: committer.ts <db file> <NORMAL|FULL>\n');
  process.exit(2);
}

const store = openSqliteStore({ path: file, synchronous: mode });
const run = {
  id: 'crash_run',
  workflowId: 'wf',
  workflowVersion: 1,
  status: 'running' as const,
  degraded: false,
  phase: 'forward' as const,
  trigger: { kind: 'manual' as const, body: null },
  createdAt: 1,
  startedAt: 1,
  finishedAt: null,
  stopReason: null,
  completionSeq: 0,
  mode: 'production' as const,
};
await store.createRun(run, [
  { ...newNodeRun(run.id, 'loop'), status: 'running', epoch: 0, startedAt: 1 },
]);

// Each changeset moves the run's completionSeq and adds attempt n: a torn write would break their match.
for (let n = 1; ; n++) {
  await store.commit({
    runs: [{ ...run, completionSeq: n }],
    attempts: [
      {
        runId: run.id,
        nodeId: 'loop',
        number: n,
        epoch: 0,
        startedAt: n,
        finishedAt: n + 1,
        durationMs: 1,
        outcome: 'succeeded',
        error: null,
        delayBeforeMs: 0,
        request: null,
        response: { status: 200, headers: {}, body: { n }, truncated: false },
      },
    ],
  });
  process.stdout.write(`committed ${n}\n`);
}
