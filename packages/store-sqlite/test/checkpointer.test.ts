import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually as waitFor, fullNodeRecord, runRecord } from '@switchyard/testkit';
import { startCheckpointer } from '../src/checkpointer.js';
import type { SqliteStore } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

/** Waits for what the checkpoint worker does (a bound against hangs, generous for a busy machine). */
const eventually = (check: () => boolean | Promise<boolean>, what: string): Promise<true> => waitFor(async () => ((await check()) ? true : undefined), { what });

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

  it('shrink the WAL file once it is all checkpointed and over the limit, instead of keeping its largest size', async () => {
    db = tempDb();
    const limit = 1024 * 1024;
    const store = db.open({ walLimitBytes: limit });
    await eventually(() => store.checkpointStats().mode === 'background', 'the worker took over checkpoints');
    await writeRuns(store, 0, 3000);
    expect(walBytes(db.file)).toBeGreaterThan(limit);
    await eventually(() => walBytes(db.file) <= limit, 'the WAL file to be cut back under the limit');
    // Nothing was lost by it.
    expect(await store.getRun('run-002999')).toMatchObject({ id: 'run-002999' });
    await writeRuns(store, 3000, 10);
    expect(await store.getRun('run-003009')).toMatchObject({ id: 'run-003009' });
    await store.close();
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
