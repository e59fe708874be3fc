import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationHealthAnswer } from '@switchyard/schema';
import { startUpstream } from '@switchyard/testkit';
import { callWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

describe('integrations API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates (201, baseUrl without trailing slash), lists, reads, updates and deletes', async () => {
    const created = await h.api('POST', '/api/integrations', { id: 'shop', name: 'Shop', baseUrl: 'https://shop.example.com/api/', timeoutMs: 5000 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'shop', name: 'Shop', baseUrl: 'https://shop.example.com/api', timeoutMs: 5000, credential: null });
    expect((await h.api('GET', '/api/integrations')).json.items.map((i: { id: string }) => i.id)).toContain('shop');
    const updated = await h.api('PUT', '/api/integrations/shop', { name: 'Shop 2', baseUrl: 'http://127.0.0.1:9', credential: 'shop_key' });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: 'shop', name: 'Shop 2', baseUrl: 'http://127.0.0.1:9', credential: 'shop_key', timeoutMs: null });
    expect((await h.api('GET', '/api/integrations/shop')).json.name).toBe('Shop 2');
    expect((await h.api('PUT', '/api/integrations/shop', { id: 'other', name: 'x', baseUrl: 'http://a.example' })).status).toBe(400);
    expect((await h.api('DELETE', '/api/integrations/shop')).status).toBe(204);
    expect((await h.api('GET', '/api/integrations/shop')).status).toBe(404);
    expect((await h.api('DELETE', '/api/integrations/shop')).status).toBe(404);
    expect((await h.api('PUT', '/api/integrations/shop', { name: 'x', baseUrl: 'http://a.example' })).status).toBe(404);
  });

  it('409 on a taken id', async () => {
    await h.api('POST', '/api/integrations', { id: 'taken', name: 'A', baseUrl: 'https://a.example' });
    const again = await h.api('POST', '/api/integrations', { id: 'taken', name: 'B', baseUrl: 'https://b.example' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });

  it('refuses bad ids, non-http URLs and missing fields with invalid_request issues', async () => {
    for (const body of [
      { id: 'Bad-Id', name: 'x', baseUrl: 'https://a.example' },
      { id: 'ok_id', name: 'x', baseUrl: 'ftp://a.example' },
      { id: 'ok_id', name: 'x', baseUrl: 'file:///etc/passwd' },
      { id: 'ok_id', baseUrl: 'https://a.example' },
      { id: 'ok_id', name: 'x' },
    ]) {
      const res = await h.api('POST', '/api/integrations', body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.details.issues.length).toBeGreaterThan(0);
    }
  });

  it('keeps protections as sent, answers null for defaults, and a PUT without them goes back to the defaults', async () => {
    const protections = {
      breaker: { consecutiveFailures: 3, coolDownMs: 5_000, halfOpenProbes: 2 },
      bulkhead: { maxConcurrent: 4, maxQueue: 10 },
      rateLimit: { perSecond: 2.5, burst: 5 },
      retryBudget: { ratio: 0.1, minPerMinute: 2 },
    };
    const created = await h.api('POST', '/api/integrations', { id: 'guarded', name: 'G', baseUrl: 'https://g.example', ...protections });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject(protections);
    expect((await h.api('GET', '/api/integrations/guarded')).json).toMatchObject(protections);
    const plain = await h.api('PUT', '/api/integrations/guarded', { name: 'G', baseUrl: 'https://g.example' });
    expect(plain.json).toMatchObject({ breaker: null, bulkhead: null, rateLimit: null, retryBudget: null });
  });

  it('refuses bad protection settings with the field that is wrong', async () => {
    for (const [field, value, path] of [
      ['bulkhead', { maxConcurrent: 0 }, ['bulkhead', 'maxConcurrent']],
      ['bulkhead', {}, ['bulkhead', 'maxConcurrent']],
      ['breaker', { failureRate: 2 }, ['breaker', 'failureRate']],
      ['breaker', { threshold: 5 }, ['breaker']],
      ['rateLimit', { perSecond: -1 }, ['rateLimit', 'perSecond']],
      ['retryBudget', { ratio: 'lots' }, ['retryBudget', 'ratio']],
    ] as const) {
      const res = await h.api('POST', '/api/integrations', { id: 'bad_guard', name: 'x', baseUrl: 'https://a.example', [field]: value });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.details.issues[0].path).toEqual(path);
    }
    expect((await h.api('GET', '/api/integrations/bad_guard')).status).toBe(404);
  });

  it('opens the breaker of a failing integration for every workflow: later calls send nothing; health and /metrics show it', async () => {
    const upstream = await startUpstream();
    try {
      upstream.script('POST', '/x', [{ status: 503, json: { down: true } }]);
      await h.api('POST', '/api/integrations', { id: 'flaky', name: 'Flaky', baseUrl: upstream.url, breaker: { consecutiveFailures: 2, coolDownMs: 600_000 } });
      const first = (await h.api('POST', '/api/workflows', callWorkflow("{{ $integration.baseUrl & '/x' }}", { integration: 'flaky' }))).json;
      const second = (await h.api('POST', '/api/workflows', callWorkflow("{{ $integration.baseUrl & '/x' }}", { integration: 'flaky' }))).json;
      const runOf = async (workflowId: string): Promise<string> => {
        const runId = (await h.api('POST', `/api/workflows/${workflowId}/runs`, { input: { n: 1 } })).json.runId as string;
        await eventually(async () => (['succeeded', 'failed'].includes((await h.api('GET', `/api/runs/${runId}`)).json.status) ? true : undefined));
        return runId;
      };
      await runOf(first.id);
      await runOf(first.id);
      expect(upstream.countFor('POST', '/x')).toBe(2);
      // The other workflow's call is refused at once: the breaker belongs to the integration.
      const refused = await runOf(second.id);
      expect(upstream.countFor('POST', '/x')).toBe(2);
      const node = (await h.api('GET', `/api/runs/${refused}`)).json.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
      expect(node.attempts).toHaveLength(1);
      expect(node.attempts[0]).toMatchObject({ error: { category: 'circuit_open' }, request: null });
      expect(node.attempts[0].error.message).toContain("the breaker of integration 'flaky' is open");

      const health = (await h.api('GET', '/api/integrations/flaky/health?window=1h')).json;
      expect(IntegrationHealthAnswer.safeParse(health).success).toBe(true);
      expect(health.breaker).toMatchObject({ state: 'open', enabled: true, retryAt: expect.any(String) });
      expect(health.breaker.history).toEqual([{ at: expect.any(String), from: 'closed', to: 'open', reason: '2 availability failures in a row' }]);
      expect(health.errorsByCategory).toMatchObject({ server: 2, circuit_open: 1 });
      const metrics = (await h.api('GET', '/metrics')).text;
      expect(metrics).toContain('switchyard_integration_breaker_state{integration="flaky",state="open"} 1');
      expect(metrics).toContain('switchyard_integration_breaker_state{integration="flaky",state="closed"} 0');

      // Switching the breaker off lets calls through again.
      await h.api('PUT', '/api/integrations/flaky', { name: 'Flaky', baseUrl: upstream.url, breaker: { enabled: false } });
      await runOf(second.id);
      expect(upstream.countFor('POST', '/x')).toBe(3);

      // Deleted and registered again under its id, the integration starts with a closed breaker.
      await h.api('PUT', '/api/integrations/flaky', { name: 'Flaky', baseUrl: upstream.url, breaker: { consecutiveFailures: 2, coolDownMs: 600_000 } });
      await runOf(second.id);
      await runOf(second.id);
      expect((await h.api('GET', '/api/integrations/flaky/health')).json.breaker.state).toBe('open');
      expect((await h.api('DELETE', '/api/integrations/flaky')).status).toBe(204);
      await h.api('POST', '/api/integrations', { id: 'flaky', name: 'Flaky', baseUrl: upstream.url });
      const fresh = (await h.api('GET', '/api/integrations/flaky/health')).json;
      expect(fresh.breaker).toMatchObject({ state: 'closed', history: [] });
      upstream.script('POST', '/x', [{ json: { ok: true } }]);
      expect(await runOf(second.id)).toEqual(expect.any(String));
      expect(upstream.countFor('POST', '/x')).toBe(6);
    } finally {
      await upstream.close();
    }
  });

  it('health: calls, failure and retry rates, latency percentiles and errors by category over a window', async () => {
    const upstream = await startUpstream();
    try {
      upstream.script('POST', '/x', [{ json: { ok: 1 } }, { status: 400, json: { bad: 1 } }]);
      await h.api('POST', '/api/integrations', { id: 'health_up', name: 'Up', baseUrl: upstream.url });
      const wf = (await h.api('POST', '/api/workflows', callWorkflow("{{ $integration.baseUrl & '/x' }}", { integration: 'health_up' }))).json;
      for (let i = 0; i < 2; i++) {
        const runId = (await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: i } })).json.runId as string;
        await eventually(async () => (['succeeded', 'failed'].includes((await h.api('GET', `/api/runs/${runId}`)).json.status) ? true : undefined));
      }
      const health = await h.api('GET', '/api/integrations/health_up/health?window=1h');
      expect(health.status).toBe(200);
      expect(health.json).toMatchObject({ integrationId: 'health_up', windowMs: 3_600_000, calls: 2, failures: 1, failureRate: 0.5, retries: 0, sampled: false });
      expect(Object.values(health.json.errorsByCategory)).toEqual([1]);
      expect(health.json.latencyMs.p50).toEqual(expect.any(Number));
      expect((await h.api('GET', '/api/integrations/health_up/health?window=forever')).status).toBe(400);
      expect((await h.api('GET', '/api/integrations/nope/health')).status).toBe(404);
    } finally {
      await upstream.close();
    }
  });
});
