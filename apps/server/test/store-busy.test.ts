import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

describe('a store locked by another process for the whole wait', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 503 unavailable with Retry-After and a clear message, never a 500; stores nothing; works once the lock is gone', async () => {
    // Another connection (a backup tool, the sqlite3 shell) holds the write lock past the wait.
    const other = new Database(path.join(h.dataDir, 'switchyard.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await h.api('POST', '/api/integrations', { id: 'locked_out', name: 'Locked out', baseUrl: 'https://locked.example' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json).toEqual({ error: { code: 'unavailable', message: 'the store is locked by another process; retry later' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await h.api('GET', '/api/integrations/locked_out')).status).toBe(404);
    expect((await h.api('POST', '/api/integrations', { id: 'locked_out', name: 'Locked out', baseUrl: 'https://locked.example' })).status).toBe(201);
  });
});
