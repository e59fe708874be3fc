import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_TIMEOUT_MS, LOCK_TRY_MS } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

describe('SQLite settings', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('opens in WAL mode with synchronous NORMAL, foreign keys on and the default busy timeout', async () => {
    db = tempDb();
    const store = db.open({ checkpoints: 'inline' });
    expect(store.path).toBe(db.file);
    expect(store.settings()).toStrictEqual({
      journalMode: 'wal',
      synchronous: 'NORMAL',
      foreignKeys: true,
      busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS,
      lockTryMs: LOCK_TRY_MS,
      autocheckpointPages: 1000,
    });
  });

  it('takes synchronous FULL and an explicit busy timeout when asked', async () => {
    db = tempDb();
    const store = db.open({ synchronous: 'FULL', busyTimeoutMs: 1234 });
    expect(store.settings()).toMatchObject({ journalMode: 'wal', synchronous: 'FULL', busyTimeoutMs: 1234, lockTryMs: LOCK_TRY_MS });
  });

  it('leaves the file in WAL mode for every later connection', async () => {
    db = tempDb();
    await db.open().close();
    const raw = new Database(db.file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('refuses a negative or fractional busy timeout', () => {
    db = tempDb();
    expect(() => db.open({ busyTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => db.open({ busyTimeoutMs: 1.5 })).toThrow(RangeError);
  });

  it('enforces foreign keys: an attempt for a node the run does not have rejects its changeset', async () => {
    db = tempDb();
    const store = db.open();
    await expect(
      store.commit({
        attempts: [
          {
            runId: 'no_run',
            nodeId: 'no_node',
            number: 1,
            epoch: 0,
            startedAt: 1,
            finishedAt: null,
            durationMs: null,
            outcome: null,
            error: null,
            delayBeforeMs: 0,
            request: null,
            response: null,
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(await store.listAttempts('no_run')).toStrictEqual([]);
  });
});
