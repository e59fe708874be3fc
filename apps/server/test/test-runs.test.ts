import { startUpstream, type Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness, type LooseJson } from './support/harness.js';

const ENDED = ['succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'];

/** A call to integration `shaky` with one retry of server errors and a last-known-good fallback. */
function shakyWorkflow(): Record<string, unknown> {
  const wf = callWorkflow("{{ $integration.baseUrl & '/x' }}", { integration: 'shaky' }) as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
  wf.nodes[1]!.policy = { lastKnownGood: { maxAgeMs: 3_600_000 } };
  wf.edges.push({ id: 'r1', kind: 'retry', source: 'call', target: 'call', retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 1, jitter: 'none', on: ['server'] } });
  return wf;
}

describe('test runs are kept apart from production', () => {
  let h: Harness;
  let upstream: Upstream;
  let workflowId: string;

  const run = async (mode: 'production' | 'test' | undefined): Promise<LooseJson> => {
    const started = await h.api('POST', `/api/workflows/${workflowId}/runs`, { input: { n: 1 }, ...(mode === undefined ? {} : { mode }) });
    expect(started.status).toBe(201);
    return eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${started.json.runId}`)).json;
      return ENDED.includes(r.status) ? r : undefined;
    });
  };
  /** Everything production shares: breaker, retry budget, health figures, alerts and insights. */
  const shared = async (): Promise<Record<string, unknown>> => {
    const health = (await h.api('GET', '/api/integrations/shaky/health?window=1h')).json;
    const insights = (await h.api('GET', `/api/insights?workflowId=${workflowId}`)).json;
    return {
      breaker: health.breaker,
      retryBudget: health.retryBudget,
      figures: { calls: health.calls, failures: health.failures, retries: health.retries, errorsByCategory: health.errorsByCategory },
      alerts: (await h.api('GET', '/api/alerts')).json.items,
      insights: { clusters: insights.clusters, advice: insights.advice },
    };
  };

  beforeAll(async () => {
    h = await startHarness({ env: { SWITCHYARD_ALERT_CHECK_MS: '50' } });
    upstream = await startUpstream();
    await h.api('POST', '/api/integrations', { id: 'shaky', name: 'Shaky', baseUrl: upstream.url, breaker: { consecutiveFailures: 2, coolDownMs: 600_000 } });
    const rule = { name: 'Shaky down', condition: { kind: 'breaker_opened', integration: 'shaky' }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: `${upstream.url}/alert` }] }] };
    expect((await h.api('POST', '/api/alert-rules', rule)).status).toBe(201);
    workflowId = (await h.api('POST', '/api/workflows', shakyWorkflow())).json.id as string;
  });
  afterAll(async () => {
    await h.close();
    await upstream.close();
  });

  it('a test run is marked in the API and the run list, and the list filters by mode', async () => {
    upstream.script('POST', '/x', [{ json: { value: 'production' } }]);
    const production = await run(undefined);
    const test = await run('test');
    expect(production.mode).toBe('production');
    expect(test.mode).toBe('test');
    const modes = async (query: string): Promise<string[]> =>
      (await h.api('GET', `/api/runs?workflowId=${workflowId}${query}`)).json.items.map((r: { id: string; mode: string }) => `${r.id}:${r.mode}`);
    expect(await modes('&mode=test')).toEqual([`${test.id}:test`]);
    expect(await modes('&mode=production')).toContain(`${production.id}:production`);
    expect(await modes('')).toEqual(expect.arrayContaining([`${test.id}:test`, `${production.id}:production`]));
    const bad = await h.api('GET', '/api/runs?mode=rehearsal');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues[0].path).toEqual(['query', 'mode']);
    const badStart = await h.api('POST', `/api/workflows/${workflowId}/runs`, { input: {}, mode: 'dry' });
    expect(badStart.status).toBe(400);
    expect(badStart.json.error.details.issues[0].path).toEqual(['mode']);
    // A replay counts like the run it repeats.
    const replayed = (await h.api('POST', `/api/runs/${test.id}/replay`, {})).json.runId as string;
    expect((await eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${replayed}`)).json;
      return ENDED.includes(r.status) ? r : undefined;
    })).mode).toBe('test');
  });

  it('failing test runs leave breaker, retry budget, health, alerts and insights as they were; a test success writes no last-known-good value', async () => {
    // A production success: its output is the last-known-good value from now on.
    upstream.script('POST', '/x', [{ json: { value: 'production' } }]);
    expect((await run('production')).status).toBe('succeeded');
    const before = await shared();
    expect(before.breaker).toMatchObject({ state: 'closed', consecutiveFailures: 0, history: [] });

    // Test runs that fail every call: counted, they would open the breaker (two failures in a row)
    // and raise the rule's alert.
    upstream.script('POST', '/x', [{ status: 503, json: { down: true } }]);
    const callsBefore = upstream.countFor('POST', '/x');
    for (let i = 0; i < 3; i += 1) {
      const failed = await run('test');
      const call = failed.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
      // Every attempt reached the upstream (no breaker refused it) and the retry was not refused by a budget.
      expect(call.attempts.map((a: { error: { category: string } | null }) => a.error?.category)).toEqual(['server', 'server']);
    }
    expect(upstream.countFor('POST', '/x')).toBe(callsBefore + 6);
    // A test success with another answer: were it saved, a production fallback would serve it.
    upstream.script('POST', '/x', [{ json: { value: 'test' } }]);
    expect((await run('test')).status).toBe('succeeded');
    expect(await shared()).toEqual(before);

    // A production run that fails falls back on production's value, not the test run's.
    upstream.script('POST', '/x', [{ status: 503, json: { down: true } }]);
    const fallback = await run('production');
    const call = fallback.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
    expect(call).toMatchObject({ status: 'succeeded', source: 'last_known_good' });
    expect(call.output.body).toEqual({ value: 'production' });
    // And production failures still count: the breaker opened on them.
    expect((await h.api('GET', '/api/integrations/shaky/health?window=1h')).json.breaker.state).toBe('open');
  });
});
