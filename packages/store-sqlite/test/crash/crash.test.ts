import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../support/temp-db.js';

const COMMITTER = fileURLToPath(new URL('./committer.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the committer until it has acknowledged `atLeast` commits, then SIGKILLs it mid-stream. */
async function commitThenKill(file: string, mode: 'NORMAL' | 'FULL', atLeast: number): Promise<number> {
  // cwd is the package so that `--import tsx` resolves from the workspace's node_modules.
  const child = spawn(process.execPath, ['--import', 'tsx', COMMITTER, file, mode], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let acknowledged = 0;
  let buffered = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match?.[1] !== undefined) acknowledged = Number(match[1]);
      }
      if (acknowledged >= atLeast && child.signalCode === null && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`committer exited early (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

describe('crash safety', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  for (const mode of ['NORMAL', 'FULL'] as const) {
    it(`every commit acknowledged before a SIGKILL is there after reopening (synchronous ${mode})`, async () => {
      db = tempDb();
      const acknowledged = await commitThenKill(db.file, mode, 200);
      expect(acknowledged).toBeGreaterThanOrEqual(200);

      const store = db.open({ synchronous: mode });
      const run = await store.getRun('crash_run');
      const attempts = await store.listAttempts('crash_run', 'loop');
      // Acknowledged commits are all there; a commit in flight at the kill may be there too, whole.
      expect(run?.completionSeq).toBeGreaterThanOrEqual(acknowledged);
      expect(attempts.length).toBe(run?.completionSeq);
      expect(attempts.map((a) => a.number)).toStrictEqual(attempts.map((_, i) => i + 1));
      expect(attempts.at(-1)?.response?.body).toStrictEqual({ n: attempts.length });
    });
  }
});
