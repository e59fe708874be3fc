import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClosedError, StoreFailureError } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

// Callers sort store failures by the port's classes, never by SQLite's codes: SQLite's own errors
// must come out of the store translated, with their code kept for logs.
describe('SQLite errors reach callers as the port errors', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('a write SQLite refuses rejects with StoreFailureError, the SQLite error as cause', async () => {
    db = tempDb();
    const store = db.open();
    const failure: unknown = await store
      .commit({ attempts: [{ runId: 'no_run', nodeId: 'no_node', number: 1, epoch: 0, startedAt: 1, finishedAt: null, durationMs: null, outcome: null, error: null, delayBeforeMs: 0, request: null, response: null }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreFailureError);
    expect(failure).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', name: 'StoreFailureError' });
    expect((failure as StoreFailureError).cause).toBeInstanceOf(Database.SqliteError);
  });

  it('a read SQLite fails throws StoreFailureError', async () => {
    db = tempDb();
    const store = db.open();
    // Another connection breaks the schema under the store: the prepared read now fails in SQLite.
    const other = new Database(db.file);
    other.exec('DROP TABLE schedule_fires');
    other.close();
    await expect(store.getScheduleFire('wf', 'node')).rejects.toBeInstanceOf(StoreFailureError);
  });

  it('a call after close is a StoreClosedError, which is a StoreFailureError without a code', async () => {
    db = tempDb();
    const store = db.open();
    await store.close();
    const failure: unknown = await store.getRun('r').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreClosedError);
    expect(failure).toBeInstanceOf(StoreFailureError);
    expect((failure as StoreFailureError).code).toBeUndefined();
  });
});
