import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientLimiter, MAX_TRACKED_CLIENTS, parseClientLimit } from '../src/webhooks/client-limit.js';
import { webhookWorkflow } from './support/fixtures.js';
import { startHarness, type Harness } from './support/harness.js';

describe('webhook deliveries per client address (SWITCHYARD_WEBHOOK_CLIENT_LIMIT)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { SWITCHYARD_WEBHOOK_CLIENT_LIMIT: '0.01:3', SWITCHYARD_TRUST_PROXY: '1' } });
    for (const path of ['first', 'second']) {
      const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path }));
      await h.api('POST', `/api/workflows/${created.json.id}/activate`);
    }
  });
  afterAll(() => h.close());

  // What a proxy sends: whatever the sender wrote, then the address the proxy saw, appended.
  const post = (path: string, client: string, spoofed = '192.0.2.1') => h.raw('POST', `/hooks/${path}`, { body: '{}', headers: { 'content-type': 'application/json', 'x-forwarded-for': `${spoofed}, ${client}` } });

  it('limits one client across every webhook, unknown paths included, with 429 and Retry-After; other clients are not affected', async () => {
    expect((await post('first', '203.0.113.7')).status).toBe(202);
    expect((await post('second', '203.0.113.7', '198.51.100.99')).status).toBe(202);
    expect((await post('nowhere', '203.0.113.7')).status).toBe(404);
    // A different forged entry on the left does not buy a fresh bucket.
    const refused = await post('first', '203.0.113.7', '192.0.2.250');
    expect(refused.status).toBe(429);
    expect(refused.json.error).toEqual({ code: 'rate_limited', message: 'too many deliveries from this client' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post('first', '198.51.100.4')).status).toBe(202);
  });
});

describe('the client limiter', () => {
  it('parses the setting, and refuses a bad one naming the variable', () => {
    expect(parseClientLimit(undefined)).toBeUndefined();
    expect(parseClientLimit('20')).toEqual({ perSecond: 20, burst: 20 });
    expect(parseClientLimit('0.5:4')).toEqual({ perSecond: 0.5, burst: 4 });
    expect(() => parseClientLimit('lots')).toThrow(/SWITCHYARD_WEBHOOK_CLIENT_LIMIT/);
    expect(() => parseClientLimit('0')).toThrow(/SWITCHYARD_WEBHOOK_CLIENT_LIMIT/);
  });

  it('keeps a bounded number of clients, forgetting the least recently seen', () => {
    const limiter = createClientLimiter({ perSecond: 0.001, burst: 1 });
    expect(limiter.take('first', 0).ok).toBe(true);
    expect(limiter.take('first', 0).ok).toBe(false);
    for (let i = 0; i < MAX_TRACKED_CLIENTS; i++) limiter.take(`c${i}`, 0);
    // 'first' was forgotten: it starts with a full bucket again.
    expect(limiter.take('first', 0).ok).toBe(true);
  });
});
