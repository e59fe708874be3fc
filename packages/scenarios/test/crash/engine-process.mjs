// The engine as a real process over a SQLite file, for crash tests: the parent SIGKILLs it and
// starts it again. Env: DB (file), START (JSON list of {workflowId, body} to start as runs).
import { createEngine, systemClock, systemRandom } from '@switchyard/engine';
import { createNodeRegistry } from '@switchyard/nodes';
import { openSqliteStore } from '@switchyard/store-sqlite';

const store = openSqliteStore({ path: process.env.DB });
const engine = createEngine({
  store,
  clock: systemClock(),
  random: systemRandom(),
  nodes: createNodeRegistry({ allowedHosts: ['127.0.0.1'] }),
});
await engine.start();
for (const request of JSON.parse(process.env.START ?? '[]')) {
  const run = await engine.startRun({ workflowId: request.workflowId, trigger: { kind: 'manual', body: request.body } });
  process.stdout.write(JSON.stringify({ started: run.id }) + '\n');
}
// Exit once every run has ended.
for (;;) {
  const unfinished = await store.listUnfinishedRunIds();
  if (unfinished.length === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await engine.idle();
await store.close();
process.stdout.write(JSON.stringify({ done: true }) + '\n');
