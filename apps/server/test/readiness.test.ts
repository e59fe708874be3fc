import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessStatus } from '../src/health/readiness.js';
import { startHarness, type Harness } from './support/harness.js';

describe('liveness and readiness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('live and ready need no credentials; ready says what it checked', async () => {
    expect((await h.raw('GET', '/api/health')).json).toEqual({ status: 'ok' });
    expect((await h.raw('GET', '/api/health/live')).json).toEqual({ status: 'ok' });
    const ready = await h.raw('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', checks: { store: { ok: true }, eventLoop: { ok: true }, integrations: { ok: true, openBreakers: [] } } });
  });

  it('is not ready (503) while the store cannot commit, and ready again once it can; live stays ok', async () => {
    // Another connection holds the write lock for longer than a write may wait for it.
    const other = new Database(path.join(h.dataDir, 'switchyard.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await h.raw('GET', '/api/health/ready');
      expect(blocked.status).toBe(503);
      expect(blocked.json).toMatchObject({ status: 'not_ready', checks: { store: { ok: false } } });
      expect(blocked.json.checks.store.detail).toMatch(/cannot commit/);
      expect(blocked.text).not.toMatch(/at .*\.js:\d+/);
      expect((await h.raw('GET', '/api/health/live')).status).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await h.raw('GET', '/api/health/ready')).status).toBe(200);
  });

  it('the verdict: the store or a saturated loop make it not ready; open breakers only degraded', () => {
    const ok = { ok: true, detail: '' };
    const bad = { ok: false, detail: '' };
    expect(readinessStatus({ store: ok, eventLoop: { ...ok, delayMs: 1 }, integrations: { ...ok, openBreakers: [] } })).toBe('ready');
    expect(readinessStatus({ store: ok, eventLoop: { ...ok, delayMs: 1 }, integrations: { ...bad, openBreakers: ['crm'] } })).toBe('degraded');
    expect(readinessStatus({ store: bad, eventLoop: { ...ok, delayMs: 1 }, integrations: { ...ok, openBreakers: [] } })).toBe('not_ready');
    expect(readinessStatus({ store: ok, eventLoop: { ...bad, delayMs: 5000 }, integrations: { ...ok, openBreakers: [] } })).toBe('not_ready');
  });
});
