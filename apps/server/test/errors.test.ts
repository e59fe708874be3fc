import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualWorkflow } from './support/fixtures.js';
import { startHarness, type Harness } from './support/harness.js';

describe('errors, request ids and logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('every response carries a request id, errors included', async () => {
    for (const res of [await h.raw('GET', '/api/health'), await h.api('GET', '/api/nothing-here'), await h.raw('GET', '/hooks/none'), await h.raw('GET', '/metrics')]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const missing = await h.api('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('an internal error answers 500 with only the request id, which the log line carries too', async () => {
    const store = h.server.store;
    const original = store.listIntegrations.bind(store);
    store.listIntegrations = async () => {
      throw new Error('boom: SELECT secret_column FROM integrations');
    };
    try {
      const res = await h.api('GET', '/api/integrations');
      expect(res.status).toBe(500);
      const requestId = res.headers.get('x-request-id');
      expect(res.json).toEqual({ error: { code: 'internal', message: 'an internal error occurred', details: { requestId } } });
      expect(res.text).not.toContain('SELECT');
      expect(res.text).not.toContain('at ');
      const line = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === requestId && l.msg === 'internal error');
      expect(line).toBeDefined();
    } finally {
      store.listIntegrations = original;
    }
  });

  it('logs one structured line per request with the request id, and no authorization header', async () => {
    const res = await h.api('GET', '/api/workflows');
    const requestId = res.headers.get('x-request-id');
    const line = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === requestId && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/api/workflows', status: 200 });
    expect(h.logs.join('')).not.toContain('sy_test_bootstrap_key');
  });

  it('413 for an API body over the limit', async () => {
    const big = await h.raw('POST', '/api/workflows/validate', { body: `"${'x'.repeat(6 * 1024 * 1024)}"`, headers: { authorization: 'Bearer sy_test_bootstrap_key_0123456789abcdef', 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('payload_too_large');
  });

  it('refuses absurdly nested JSON before parsing it', async () => {
    const res = await h.raw('POST', '/api/workflows/validate', { body: `${'['.repeat(50_000)}${']'.repeat(50_000)}`, headers: { authorization: 'Bearer sy_test_bootstrap_key_0123456789abcdef', 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_request');
  });

  it('/metrics answers Prometheus text with run counts and the store\'s commits and checkpoints', async () => {
    expect((await h.api('POST', '/api/workflows', manualWorkflow('Counted'))).status).toBe(201);
    // Not for anyone who asks: it names integrations and shows their breakers.
    const anonymous = await h.raw('GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('switchyard_');
    const res = await h.api('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toContain('switchyard_runs{status="succeeded"}');
    expect(res.text).toContain('switchyard_active_runs');
    expect(res.text).toMatch(/^switchyard_store_commits_total [1-9]\d*$/m);
    expect(res.text).toMatch(/^switchyard_store_background_checkpoints 1$/m);
    expect(res.text).toMatch(/^switchyard_store_wal_frames \d+$/m);
  });
});

describe('/metrics with a scrape token', () => {
  it('takes SWITCHYARD_METRICS_TOKEN as a bearer token, and still an API key; refuses a wrong token', async () => {
    const h = await startHarness({ env: { SWITCHYARD_METRICS_TOKEN: 'scrape-token-1234' } });
    try {
      expect((await h.raw('GET', '/metrics', { headers: { authorization: 'Bearer scrape-token-1234' } })).status).toBe(200);
      expect((await h.raw('GET', '/metrics', { headers: { authorization: 'Bearer scrape-token-12345' } })).status).toBe(401);
      expect((await h.raw('GET', '/metrics')).status).toBe(401);
      expect((await h.api('GET', '/metrics')).status).toBe(200);
      // The scrape token opens /metrics only.
      expect((await h.raw('GET', '/api/workflows', { headers: { authorization: 'Bearer scrape-token-1234' } })).status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
