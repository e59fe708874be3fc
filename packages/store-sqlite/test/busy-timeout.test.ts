import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreBusyError } from '../src/errors.js';
import { tempDb, type TempDb } from './support/temp-db.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

// Another process takes the write lock, says so, holds it for a while, then commits.
const HOLD_WRITE_LOCK = `
  const Database = require('better-sqlite3');
  const db = new Database(process.argv[1]);
  db.exec('BEGIN IMMEDIATE');
  db.prepare("INSERT INTO integrations (id, name, base_url, created_at, updated_at) VALUES ('held', 'Held', 'https://held.test', 1, 1)").run();
  process.stdout.write('locked\\n', () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();
  });
`;

async function holdWriteLock(file: string, holdMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', HOLD_WRITE_LOCK, file, String(holdMs)], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.on('exit', () => resolve()));
}

const integration = {
  id: 'mine',
  name: 'Mine',
  baseUrl: 'https://mine.test',
  timeoutMs: null,
  credential: null,
  createdAt: 1,
  updatedAt: 1,
};

describe('busy timeout (another process holds the write lock)', () => {
  let db: TempDb;
  let holder: ChildProcess | undefined;
  afterEach(async () => {
    if (holder !== undefined) await exited(holder);
    holder = undefined;
    await db.cleanup();
  });

  it('a write waits for the lock within busyTimeoutMs and then commits', async () => {
    db = tempDb();
    const store = db.open({ busyTimeoutMs: 20_000 });
    holder = await holdWriteLock(db.file, 1000);
    await store.putIntegration(integration);
    expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual(['held', 'mine']);
  });

  it('while another process holds the lock, the event loop keeps turning: the wait is spent between short tries', async () => {
    db = tempDb();
    const store = db.open({ busyTimeoutMs: 60_000 });
    holder = await holdWriteLock(db.file, 1500);
    let ticks = 0;
    let writing = true;
    const spin = (): void => {
      ticks += 1;
      if (writing) setImmediate(spin);
    };
    setImmediate(spin);
    const write = store.putIntegration(integration).finally(() => {
      writing = false;
    });
    // Each try blocks at most LOCK_TRY_MS; in between, the loop serves others (here: many ticks).
    // Waiting inside SQLite for the whole hold, as before, the loop would not turn at all.
    await write;
    expect(ticks).toBeGreaterThan(50);
    expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual(['held', 'mine']);
  });

  it('with no busy timeout the same write fails at once with SQLITE_BUSY and writes nothing', async () => {
    db = tempDb();
    const store = db.open({ busyTimeoutMs: 0 });
    holder = await holdWriteLock(db.file, 1500);
    await expect(store.putIntegration(integration)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await exited(holder);
    expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual(['held']);
  });

  it('a lock held longer than busyTimeoutMs fails the write with StoreBusyError (code SQLITE_BUSY), after waiting off the loop', async () => {
    db = tempDb();
    const store = db.open({ busyTimeoutMs: 300 });
    // Held far longer than the store may wait: the write gives up while the child still holds it.
    holder = await holdWriteLock(db.file, 20_000);
    const failure = await store.putIntegration(integration).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreBusyError);
    expect(failure).toMatchObject({ code: 'SQLITE_BUSY', name: 'StoreBusyError' });
    expect((failure as StoreBusyError).message).toMatch(/locked by another process/);
    holder.kill('SIGKILL');
    await exited(holder);
    // The child's uncommitted row died with it; the failed write left nothing either.
    expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual([]);
    // Once the lock is free the same store writes again.
    await store.putIntegration(integration);
    expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual(['mine']);
  });
});
