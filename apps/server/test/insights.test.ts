import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsAnswer } from '@switchyard/schema';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { eventually, startHarness, type Harness } from './support/harness.js';

const at = { x: 0, y: 0 };

/** manual trigger → `call` (http.request to `url`) with the given policy and edges. */
function callFlow(url: string, extra: { policy?: Record<string, unknown>; retry?: Record<string, unknown>; fallbackUrl?: string } = {}): Record<string, unknown> {
  const nodes: Array<Record<string, unknown>> = [
    { id: 'start', type: 'trigger.manual', position: at, params: {} },
    { id: 'call', type: 'http.request', position: at, params: { method: 'POST', url, body: { n: '{{ $trigger.body.n }}' } }, ...(extra.policy ? { policy: extra.policy } : {}) },
  ];
  const edges: Array<Record<string, unknown>> = [{ id: 'e1', kind: 'next', source: 'start', target: 'call' }];
  if (extra.retry) edges.push({ id: 'r1', kind: 'retry', source: 'call', target: 'call', retry: extra.retry });
  if (extra.fallbackUrl) {
    nodes.push({ id: 'backup', type: 'http.request', position: at, params: { method: 'POST', url: extra.fallbackUrl, body: {} } });
    edges.push({ id: 'f1', kind: 'fallback', source: 'call', target: 'backup' });
  }
  return { schemaVersion: 1, name: 'Insights', nodes, edges };
}

describe('insights: failure clusters and advice from run history', () => {
  let h: Harness;
  let upstream: Upstream;
  beforeAll(async () => {
    h = await startHarness();
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream.close();
    await h.close();
  });

  async function runs(workflowId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const runId = (await h.api('POST', `/api/workflows/${workflowId}/runs`, { input: { n } })).json.runId as string;
      await eventually(async () => (['succeeded', 'failed'].includes((await h.api('GET', `/api/runs/${runId}`)).json.status) ? true : undefined));
      ids.push(runId);
    }
    return ids;
  }

  async function adviceFor(workflowId: string): Promise<Array<{ id: string; kind: string; evidence: string; change: unknown }>> {
    const res = await h.api('GET', `/api/insights?workflowId=${workflowId}&window=1h`);
    expect(res.status).toBe(200);
    return res.json.advice;
  }

  it('groups failures by signature: varying ids and numbers are one problem, linked to its newest runs', async () => {
    const workflow = {
      schemaVersion: 1,
      name: 'Lookup',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: at, params: {} },
        { id: 'lookup', type: 'fail', position: at, params: { category: 'invalid_request', message: "{{ 'order ' & $string(1000 + $trigger.body.n) & ' not found' }}" } },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'lookup' }],
    };
    const wf = (await h.api('POST', '/api/workflows', workflow)).json;
    const ids = await runs(wf.id, 7);
    const res = await h.api('GET', `/api/insights?workflowId=${wf.id}`);
    // The answer is what the shared schema says the web app reads.
    expect(InsightsAnswer.safeParse(res.json).success).toBe(true);
    expect(res.json).toMatchObject({ windowMs: 86_400_000, runs: 7, sampled: false });
    expect(res.json.clusters).toHaveLength(1);
    expect(res.json.clusters[0]).toMatchObject({
      signature: { integration: null, workflowId: wf.id, nodeId: 'lookup', category: 'invalid_request', httpStatus: null, message: 'order <n> not found' },
      count: 7,
      runs: 7,
      example: 'order 1006 not found',
      sampleRunIds: ids.slice(2).reverse(),
    });
    expect((await h.api('GET', '/api/insights?window=forever')).status).toBe(400);
  });

  it('advises to stop retrying a category whose retries never recover, and applies it as a new version', async () => {
    upstream.script('POST', '/down', [{ status: 503, json: { down: true } }]);
    const wf = (await h.api('POST', '/api/workflows', callFlow(`${upstream.url}/down`, { retry: { maxAttempts: 2, initialDelayMs: 1, jitter: 'none' } }))).json;
    await runs(wf.id, 5);
    const advice = await adviceFor(wf.id);
    const stop = advice.find((a) => a.kind === 'stop_retrying');
    expect(stop).toMatchObject({
      id: `stop_retrying:${wf.id}:1:call:server`,
      nodeId: 'call',
      integration: 'host:127.0.0.1',
      change: { kind: 'set_retry_on', edgeId: 'r1', from: ['network', 'rate_limited', 'server', 'timeout'], to: ['network', 'rate_limited', 'timeout'] },
    });
    expect(stop!.evidence).toContain('5 times a server failure was retried');
    expect(InsightsAnswer.safeParse((await h.api('GET', `/api/insights?workflowId=${wf.id}&window=1h`)).json).success).toBe(true);

    const applied = await h.api('POST', `/api/insights/advice/${encodeURIComponent(stop!.id)}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.json.workflow.version).toBe(2);
    const v2 = (await h.api('GET', `/api/workflows/${wf.id}`)).json;
    expect(v2.edges.find((e: { id: string }) => e.id === 'r1').retry).toEqual({ maxAttempts: 2, initialDelayMs: 1, jitter: 'none', on: ['network', 'rate_limited', 'timeout'] });
    // Advice is for the latest version: applied again, it no longer holds.
    expect((await h.api('POST', `/api/insights/advice/${encodeURIComponent(stop!.id)}/apply`)).status).toBe(404);
  });

  it('advises fewer attempts when almost every recovery comes early', async () => {
    const seen = new Set<string>();
    // Each run's first attempt fails, its second succeeds.
    upstream.script('POST', '/blip', (request) => {
      const key = request.idempotencyKey ?? '';
      if (seen.has(key)) return { json: { ok: true } };
      seen.add(key);
      return { status: 502 };
    });
    const wf = (await h.api('POST', '/api/workflows', callFlow(`${upstream.url}/blip`, { retry: { maxAttempts: 5, initialDelayMs: 1, jitter: 'none' } }))).json;
    await runs(wf.id, 20);
    const fewer = (await adviceFor(wf.id)).find((a) => a.kind === 'fewer_attempts');
    expect(fewer).toMatchObject({ change: { kind: 'set_max_attempts', edgeId: 'r1', from: 5, to: 2 } });
    expect(fewer!.evidence).toContain('20 failures recovered by retrying, 100 % of them by attempt 2');
  });

  it('says when the fallback carries a node, and that it takes a person (nothing to apply)', async () => {
    upstream.script('POST', '/primary', [{ status: 500 }]);
    upstream.script('POST', '/secondary', [{ json: { ok: true } }]);
    const wf = (await h.api('POST', '/api/workflows', callFlow(`${upstream.url}/primary`, { fallbackUrl: `${upstream.url}/secondary` }))).json;
    await runs(wf.id, 10);
    const lean = (await adviceFor(wf.id)).find((a) => a.kind === 'primary_fails');
    expect(lean).toMatchObject({ change: null });
    expect(lean!.evidence).toContain('a fallback stood in for 10 of 10 completions');
    const apply = await h.api('POST', `/api/insights/advice/${encodeURIComponent(lean!.id)}/apply`);
    expect(apply.status).toBe(400);
    expect((await h.api('POST', '/api/insights/advice/not-an-id/apply')).status).toBe(404);
  });
});
