import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { serverForFile } from './fixtures.js';

const env = serverForFile();

const root = new URL('../../', import.meta.url).pathname;

/** The first shell block under the README's "Worked example" heading, exactly as written. */
function workedExample(): string {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## Worked example'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('the README has no worked example');
  return block[1];
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test("the README's worked example works as written", async () => {
  const demo = `http://127.0.0.1:${await freePort()}`;
  // The README's block, then what it says to stop the stand-ins with.
  const script = `${workedExample()}\nkill %1\n`;
  const result = spawnSync('bash', ['-c', script], {
    cwd: root,
    env: { ...process.env, SWITCHYARD: env.server.url, DEMO: demo, SWITCHYARD_DATA_DIR: env.server.dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  // The stand-ins log each request on the same terminal; the run is the JSON line among them.
  const runLine = result.stdout.split('\n').find((line) => line.startsWith('{') && line.includes('"workflowVersion"'));
  expect(runLine, result.stdout).toBeDefined();
  const run = JSON.parse(runLine!) as { status: string; nodes: Array<{ nodeId: string; attempts: Array<{ outcome: string; error: { category: string; httpStatus: number } | null }> }> };
  expect(run.status).toBe('succeeded');
  const charge = run.nodes.find((n) => n.nodeId === 'charge')!;
  expect(charge.attempts.map((a) => [a.outcome, a.error?.category ?? null, a.error?.httpStatus ?? null])).toEqual([
    ['failed', 'server', 503],
    ['succeeded', null, null],
  ]);
});
