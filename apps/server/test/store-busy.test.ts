import { StoreBusyError } from '@switchyard/store-sqlite';
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

  it('answers 503 unavailable with Retry-After and a clear message, never a 500', async () => {
    const store = h.server.store;
    const original = store.listIntegrations.bind(store);
    store.listIntegrations = async () => {
      throw new StoreBusyError(store.path, 5000);
    };
    try {
      const res = await h.api('GET', '/api/integrations');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json).toEqual({ error: { code: 'unavailable', message: 'the store is locked by another process; retry later' } });
    } finally {
      store.listIntegrations = original;
    }
  });
});
