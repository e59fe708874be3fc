import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fullNodeRecord, runRecord } from '@switchyard/testkit';
import { startCheckpointer } from '../src/checkpointer.js';
import type { SqliteStore } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

/** Polls `check` every 20 ms until it holds, for at most 10 s (a bound, not a speed claim). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never happened: ${what}`);
}

async function writeRuns(store: SqliteStore, from: number, count: number): Promise<void> {
  const writes: Array<Promise<void>> = [];
  for (let i = from; i < from + count; i++) {
    const id = `run-${String(i).padStart(6, '0')}`;
    writes.push(store.createRun(runRecord(id, { createdAt: i }), [fullNodeRecord(id, 'a'), fullNodeRecord(id, 'b')]));
  }
  await Promise.all(writes);
}

const walBytes = (file: string): number => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe('background checkpoints', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('run on a worker thread: commits never checkpoint, yet the WAL stays bounded and nothing is lost', async () => {
    db = tempDb();
    const store = db.open();
    await eventually(() => store.checkpointStats().mode === 'background', 'the worker took over checkpoints');
    expect(store.settings().autocheckpointPages).toBe(0);
    await writeRuns(store, 0, 3000);
    await eventually(() => store.checkpointStats().walFrames > 1000, 'a checkpoint of the batch');
    const batchFrames = store.checkpointStats().walFrames;
    // Once everything is checkpointed, the next commit starts the WAL over from its beginning
    // (small commits until one finds the checkpoint complete).
    let small = 100_000;
    for (let round = 1; round <= 3; round++) {
      await eventually(async () => {
        await writeRuns(store, small++, 1);
        return store.checkpointStats().walFrames < batchFrames / 10;
      }, `the WAL restarted (round ${round})`);
      await writeRuns(store, round * 3000, 3000);
      await eventually(() => store.checkpointStats().walFrames > 1000, `a checkpoint of batch ${round}`);
    }
    expect(walBytes(db.file)).toBeGreaterThan(0);
    await store.close();
    expect(fs.existsSync(`${db.file}-wal`)).toBe(false);
    const reopened = db.open({ checkpoints: 'inline' });
    expect((await reopened.listRuns({ limit: 1 })).items).toHaveLength(1);
    expect(await reopened.getRun('run-011999')).toMatchObject({ id: 'run-011999' });
    expect(await reopened.getRun(`run-${String(small - 1).padStart(6, '0')}`)).toMatchObject({ createdAt: small - 1 });
    expect(reopened.checkpointStats()).toEqual({ mode: 'inline', checkpoints: 0, walFrames: 0 });
  });

  it('give checkpoints back to the committing connection when the worker fails', async () => {
    db = tempDb();
    const conn = new Database(db.file);
    conn.pragma('journal_mode = WAL');
    const errors: string[] = [];
    // A directory that does not exist: the worker's connection cannot open.
    const checkpointer = startCheckpointer(conn, { path: `${db.dir}/missing/switchyard.db`, synchronous: 'NORMAL', busyTimeoutMs: 100, onError: (m) => errors.push(m) });
    await eventually(() => errors.length > 0, 'the failure was reported');
    expect(checkpointer.stats().mode).toBe('inline');
    expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.close();
    conn.close();
  });
});
