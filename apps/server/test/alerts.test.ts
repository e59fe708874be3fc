import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertAnswer } from '@switchyard/schema';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { callWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness, type LooseJson } from './support/harness.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const at = { x: 0, y: 0 };

/** An HTTP receiver on 127.0.0.1 that keeps every JSON body POSTed to it, by path. */
async function startReceiver(): Promise<{ url: string; received: Map<string, Array<Record<string, LooseJson>>>; close(): Promise<void> }> {
  const received = new Map<string, Array<Record<string, LooseJson>>>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const list = received.get(req.url ?? '') ?? [];
      list.push(JSON.parse(body) as Record<string, LooseJson>);
      received.set(req.url ?? '', list);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A receiver that keeps each request's headers and raw body, as a verifier needs them. */
async function startRawReceiver(): Promise<{ url: string; received: Array<{ headers: Record<string, string>; raw: string }>; close(): Promise<void> }> {
  const received: Array<{ headers: Record<string, string>; raw: string }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ headers, raw });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('alerts: rules, grouping, escalation, acknowledgement, channels', () => {
  let h: Harness;
  let upstream: Upstream;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: SmtpSink;
  beforeAll(async () => {
    upstream = await startUpstream();
    receiver = await startReceiver();
    smtp = await startSmtpSink();
    h = await startHarness({ env: { SWITCHYARD_ALERT_CHECK_MS: '50', SWITCHYARD_SMTP_URL: smtp.url, SWITCHYARD_ALERT_FROM: 'alerts@switchyard.test' } });
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
    await receiver.close();
    await upstream.close();
  });

  async function runToEnd(workflowId: string, input: unknown = {}): Promise<Record<string, LooseJson>> {
    const runId = (await h.api('POST', `/api/workflows/${workflowId}/runs`, { input })).json.runId as string;
    return eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${runId}`)).json;
      return ['succeeded', 'failed', 'compensated', 'needs_attention'].includes(r.status) ? r : undefined;
    });
  }

  const alertOf = async (ruleId: string): Promise<Record<string, LooseJson> | undefined> => (await h.api('GET', '/api/alerts')).json.items.find((a: { ruleId: string }) => a.ruleId === ruleId);

  it('creates, reads, updates and deletes rules; refuses bad ones at the field that is wrong', async () => {
    const rule = { name: 'Payments down', condition: { kind: 'breaker_opened', integration: 'payments' }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: `${receiver.url}/x` }] }] };
    const created = await h.api('POST', '/api/alert-rules', { id: 'crud_rule', ...rule });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'crud_rule', name: 'Payments down', enabled: true });
    expect((await h.api('POST', '/api/alert-rules', { id: 'crud_rule', ...rule })).status).toBe(409);
    expect((await h.api('PUT', '/api/alert-rules/crud_rule', { ...rule, enabled: false })).json.enabled).toBe(false);
    expect((await h.api('GET', '/api/alert-rules')).json.items.map((r: { id: string }) => r.id)).toContain('crud_rule');
    const generated = await h.api('POST', '/api/alert-rules', rule);
    expect(generated.json.id).toMatch(/^rule_[0-9a-f]{12}$/);
    for (const [body, path] of [
      [{ ...rule, levels: [{ afterMs: 100, channels: rule.levels[0]!.channels }] }, ['levels', 0, 'afterMs']],
      [{ ...rule, levels: [rule.levels[0], { afterMs: 0, channels: rule.levels[0]!.channels }] }, ['levels', 1, 'afterMs']],
      [{ ...rule, condition: { kind: 'sunspots' } }, ['condition', 'kind']],
      [{ ...rule, levels: [{ afterMs: 0, channels: [{ kind: 'email', to: ['not an address'] }] }] }, ['levels', 0, 'channels', 0, 'to', 0]],
      [{ ...rule, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: 'ftp://x' }] }] }, ['levels', 0, 'channels', 0, 'url']],
      [{ ...rule, id: 'Bad Id' }, ['id']],
    ] as const) {
      const res = await h.api('POST', '/api/alert-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.issues[0].path).toEqual(path);
    }
    expect((await h.api('DELETE', '/api/alert-rules/crud_rule')).status).toBe(204);
    expect((await h.api('DELETE', `/api/alert-rules/${generated.json.id}`)).status).toBe(204);
    expect((await h.api('GET', '/api/alert-rules/crud_rule')).status).toBe(404);
  });

  it('a breaker that opens raises one alert with its context; unacknowledged it escalates; the breaker closing resolves it', async () => {
    await h.api('POST', '/api/alert-rules', {
      id: 'pay_breaker',
      name: 'Payments breaker',
      condition: { kind: 'breaker_opened', integration: 'alert_pay' },
      levels: [
        { afterMs: 0, channels: [{ kind: 'webhook', url: `${receiver.url}/oncall` }] },
        { afterMs: 300, channels: [{ kind: 'webhook', url: `${receiver.url}/manager` }] },
      ],
    });
    upstream.script('POST', '/pay', [{ status: 503, json: { down: true } }]);
    await h.api('POST', '/api/integrations', { id: 'alert_pay', name: 'Pay', baseUrl: upstream.url, breaker: { consecutiveFailures: 2, coolDownMs: 1_500 } });
    const wf = (await h.api('POST', '/api/workflows', callWorkflow("{{ $integration.baseUrl & '/pay' }}", { integration: 'alert_pay' }))).json;
    const failed = [await runToEnd(wf.id), await runToEnd(wf.id)];

    const opened = await eventually(async () => receiver.received.get('/oncall')?.[0]);
    expect(opened).toMatchObject({ event: 'opened', alert: { rule: { id: 'pay_breaker' }, subject: 'alert_pay', status: 'firing', level: 0 } });
    expect(opened.context).toMatchObject({ integration: 'alert_pay', breaker: { state: 'open' }, errorsByCategory: { server: 2 }, reason: '2 availability failures in a row' });
    expect(opened.context.recentErrors.map((e: { runId: string }) => e.runId).sort()).toEqual(failed.map((r) => r.id).sort());
    expect(opened.context.recentErrors[0]).toMatchObject({ link: expect.stringMatching(/^\/runs\//), category: 'server', httpStatus: 503 });

    const escalated = await eventually(async () => receiver.received.get('/manager')?.[0]);
    expect(escalated).toMatchObject({ event: 'escalated', alert: { level: 1 } });
    // The receiver hears the escalation before the server has recorded its delivery.
    const alert = await eventually(async () => {
      const a = await alertOf('pay_breaker');
      return a && a.deliveries.length >= 2 ? a : undefined;
    }, { what: 'the escalation to be recorded' });
    expect(AlertAnswer.safeParse(alert).success).toBe(true);
    expect(alert).toMatchObject({ status: 'firing', level: 1, occurrences: 1 });
    expect(alert.deliveries.map((d: { level: number; event: string; ok: boolean }) => [d.level, d.event, d.ok])).toEqual([
      [0, 'opened', true],
      [1, 'escalated', true],
    ]);
    const acked = await h.api('POST', `/api/alerts/${alert.id}/ack`);
    expect(acked.json).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });

    // The upstream recovers; after the cool-down a probe succeeds, the breaker closes, the alert resolves.
    upstream.script('POST', '/pay', [{ json: { ok: true } }]);
    await eventually(async () => ((await h.api('GET', '/api/integrations/alert_pay/health')).json.breaker.retryAt < new Date().toISOString() ? true : undefined));
    expect((await runToEnd(wf.id)).status).toBe('succeeded');
    const resolved = await eventually(async () => ((await alertOf('pay_breaker'))?.status === 'resolved' ? alertOf('pay_breaker') : undefined));
    expect(resolved).toMatchObject({ resolvedAt: expect.any(String) });
    // The resolution is recorded before it is delivered: wait for both receivers to hear it.
    await eventually(async () => (receiver.received.get('/oncall')?.length === 2 && receiver.received.get('/manager')?.length === 2 ? true : undefined), { what: 'both levels to hear of the resolution' });
    expect(receiver.received.get('/oncall')?.map((b) => b.event)).toEqual(['opened', 'resolved']);
    expect(receiver.received.get('/manager')?.map((b) => b.event)).toEqual(['escalated', 'resolved']);
    expect((await h.api('POST', `/api/alerts/${alert.id}/ack`)).status).toBe(409);
    expect((await h.api('POST', '/api/alerts/al_nothing/ack')).status).toBe(404);
  });

  it('runs that need attention in one workflow are one alert, e-mailed once, counting every run', async () => {
    await h.api('POST', '/api/alert-rules', { id: 'attention', name: 'Stuck sagas', condition: { kind: 'run_needs_attention' }, levels: [{ afterMs: 0, channels: [{ kind: 'email', to: ['ops@example.com'] }] }] });
    upstream.script('POST', '/book', [{ json: { booked: true } }]);
    upstream.script('POST', '/unbook', [{ status: 500 }]);
    const saga = {
      schemaVersion: 1,
      name: 'Saga',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: at, params: {} },
        { id: 'book', type: 'http.request', position: at, params: { method: 'POST', url: `${upstream.url}/book`, body: {} } },
        { id: 'unbook', type: 'http.request', position: at, params: { method: 'POST', url: `${upstream.url}/unbook`, body: {} } },
        { id: 'stop', type: 'fail', position: at, params: { category: 'invalid_request', message: 'no stock' } },
      ],
      edges: [
        { id: 'e1', kind: 'next', source: 'start', target: 'book' },
        { id: 'e2', kind: 'next', source: 'book', target: 'stop' },
        { id: 'c1', kind: 'compensate', source: 'book', target: 'unbook' },
        { id: 'r1', kind: 'retry', source: 'unbook', target: 'unbook', retry: { maxAttempts: 1 } },
      ],
    };
    const wf = (await h.api('POST', '/api/workflows', saga)).json;
    const first = await runToEnd(wf.id);
    expect(first.status).toBe('needs_attention');
    await eventually(async () => (smtp.messages.length >= 1 ? true : undefined));
    const second = await runToEnd(wf.id);
    const alert = await eventually(async () => {
      const a = await alertOf('attention');
      return a?.occurrences === 2 && a.deliveries.length > 0 ? a : undefined;
    });
    expect(alert).toMatchObject({ subject: wf.id, status: 'firing' });
    expect(alert.context.runs.map((r: { runId: string }) => r.runId)).toEqual([second.id, first.id]);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['<ops@example.com>']);
    // Long header lines are folded: unfold before reading the subject.
    expect(smtp.messages[0]!.data.replace(/\r\n[ \t]+/g, ' ')).toContain(`Subject: [switchyard] Stuck sagas: runs need attention (${wf.id})`);
    expect(alert.deliveries[0]).toMatchObject({ channel: 'email ops@example.com', ok: true });
  });

  it('a locked credential starts the alert workflow with the alert as its input; unlocking resolves it', async () => {
    const handler = {
      schemaVersion: 1,
      name: 'On alert',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: at, params: {} },
        { id: 'note', type: 'transform', position: at, params: { expression: "{{ $trigger.body.event & ':' & $trigger.body.alert.subject }}" } },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'note' }],
    };
    const handlerId = (await h.api('POST', '/api/workflows', handler)).json.id as string;
    await h.api('POST', '/api/alert-rules', { id: 'locked', name: 'Locked', condition: { kind: 'credential_locked' }, levels: [{ afterMs: 0, channels: [{ kind: 'workflow', workflowId: handlerId }] }] });
    await h.api('POST', '/api/credentials', { id: 'alert_cred', name: 'Cred', kind: 'bearer', token: 'secret-token-value' });
    upstream.script('POST', '/guarded', [{ status: 401 }]);
    const wf = (await h.api('POST', '/api/workflows', callWorkflow(`${upstream.url}/guarded`, { credential: 'alert_cred' }))).json;
    for (let i = 0; i < 3; i++) await runToEnd(wf.id);
    const handled = await eventually(async () => {
      const runs = (await h.api('GET', `/api/runs?workflowId=${handlerId}`)).json.items;
      return runs.length > 0 && runs[0].status === 'succeeded' ? runs[0] : undefined;
    });
    const detail = (await h.api('GET', `/api/runs/${handled.id}`)).json;
    expect(detail.nodes.find((n: { nodeId: string }) => n.nodeId === 'note').output).toBe('opened:alert_cred');
    expect(JSON.stringify(detail)).not.toContain('secret-token-value');
    expect((await alertOf('locked'))?.status).toBe('firing');
    await h.api('POST', '/api/credentials/alert_cred/unlock');
    await eventually(async () => ((await alertOf('locked'))?.status === 'resolved' ? true : undefined));
  });

  it('a failure-rate rule fires once while the rate stays above its threshold', async () => {
    await h.api('POST', '/api/alert-rules', { id: 'crm_rate', name: 'CRM failing', condition: { kind: 'failure_rate', integration: 'alert_crm', above: 0.5, minCalls: 3, windowMs: 600_000 }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: `${receiver.url}/crm` }] }] });
    upstream.script('POST', '/crm', [{ status: 500 }]);
    await h.api('POST', '/api/integrations', { id: 'alert_crm', name: 'CRM', baseUrl: upstream.url, breaker: { enabled: false } });
    const wf = (await h.api('POST', '/api/workflows', callWorkflow("{{ $integration.baseUrl & '/crm' }}", { integration: 'alert_crm' }))).json;
    for (let i = 0; i < 3; i++) await runToEnd(wf.id);
    const fired = await eventually(async () => receiver.received.get('/crm')?.[0]);
    expect(fired.context).toMatchObject({ integration: 'alert_crm', threshold: 0.5, observedFailureRate: 1, windowCalls: 3 });
    // Later checks count into the same alert; nobody is notified again.
    await eventually(async () => (((await alertOf('crm_rate'))?.occurrences ?? 0) >= 3 ? true : undefined));
    expect(receiver.received.get('/crm')).toHaveLength(1);

    // Switching the rule off ends its alert (it would otherwise escalate with nobody watching).
    const { id: _id, createdAt: _c, updatedAt: _u, ...rule } = (await h.api('GET', '/api/alert-rules/crm_rate')).json;
    expect((await h.api('PUT', '/api/alert-rules/crm_rate', { ...rule, enabled: false })).status).toBe(200);
    await eventually(async () => ((await alertOf('crm_rate'))?.status === 'resolved' ? true : undefined));
    await eventually(async () => (receiver.received.get('/crm')?.length === 2 ? true : undefined), { what: 'the resolution to be delivered' });
    expect(receiver.received.get('/crm')?.map((b) => b.event)).toEqual(['opened', 'resolved']);
  });

  it('an alert stored but never sent (the process stopped in between) is sent at the next check', async () => {
    await h.api('POST', '/api/alert-rules', { id: 'late', name: 'Late', condition: { kind: 'credential_locked', credential: 'late_cred' }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: `${receiver.url}/late` }] }] });
    const now = Date.now();
    await h.server.store.putAlert({ id: 'al_late', ruleId: 'late', subject: 'late_cred', status: 'firing', level: 0, openedAt: now, lastSeenAt: now, occurrences: 1, acknowledgedAt: null, resolvedAt: null, context: { credential: 'late_cred' }, deliveries: [] });
    const sent = await eventually(async () => receiver.received.get('/late')?.[0]);
    expect(sent).toMatchObject({ event: 'opened', alert: { id: 'al_late', subject: 'late_cred' } });
    // The receiver hears the delivery before the server has recorded it: wait for the record too.
    const deliveries = await eventually(async () => {
      const recorded = (await h.api('GET', '/api/alerts/al_late')).json.deliveries as LooseJson[];
      return recorded.length > 0 ? recorded : undefined;
    }, { what: "the late alert's delivery to be recorded" });
    expect(deliveries).toEqual([expect.objectContaining({ level: 0, event: 'opened', ok: true })]);
  });

  it("signs a webhook channel's alerts with Standard Webhooks: the standardwebhooks library verifies them", async () => {
    const signed = await startRawReceiver();
    try {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      await h.api('POST', '/api/credentials', { id: 'alert_signing', name: 'Alert signing', kind: 'hmac', secret });
      await h.api('POST', '/api/credentials', { id: 'alert_not_whsec', name: 'Not a whsec', kind: 'hmac', secret: 'plain words' });
      const rule = (id: string, credential: string) => ({
        id,
        name: id,
        condition: { kind: 'credential_locked', credential: `${id}_cred` },
        levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: `${signed.url}/${id}`, credential }] }],
      });
      expect((await h.api('POST', '/api/alert-rules', rule('signed_rule', 'alert_signing'))).status).toBe(201);
      expect((await h.api('POST', '/api/alert-rules', rule('unsignable', 'alert_not_whsec'))).status).toBe(201);
      const now = Date.now();
      const stored = (id: string) => ({ id, ruleId: id === 'al_signed' ? 'signed_rule' : 'unsignable', subject: id === 'al_signed' ? 'signed_rule_cred' : 'unsignable_cred', status: 'firing' as const, level: 0, openedAt: now, lastSeenAt: now, occurrences: 1, acknowledgedAt: null, resolvedAt: null, context: {}, deliveries: [] });
      await h.server.store.putAlert(stored('al_signed'));
      await h.server.store.putAlert(stored('al_unsignable'));
      const got = await eventually(async () => signed.received.find((r) => r.headers['webhook-id'] === 'msg_al_signed_0_0_opened'));
      // The receiver's side: the library checks id, timestamp and signature over the raw body.
      const verified = new Webhook(secret).verify(got.raw, got.headers) as Record<string, LooseJson>;
      expect(verified).toMatchObject({ event: 'opened', alert: { id: 'al_signed' } });
      expect(() => new Webhook('whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==').verify(got.raw, got.headers)).toThrow();
      expect(() => new Webhook(secret).verify(got.raw.replace('al_signed', 'al_forged'), got.headers)).toThrow();
      // A secret that is not a Standard Webhooks key is a failed delivery that says why, and sends nothing.
      const failed = await eventually(async () => {
        const d = (await h.api('GET', '/api/alerts/al_unsignable')).json.deliveries as LooseJson[];
        return d.length > 0 ? d : undefined;
      }, { what: 'the unsignable delivery to be recorded' });
      expect(failed[0]).toMatchObject({ ok: false, detail: expect.stringContaining("the signing credential 'alert_not_whsec'") });
      expect(JSON.stringify(failed)).not.toContain('plain words');
      expect(signed.received.every((r) => !r.raw.includes('al_unsignable'))).toBe(true);
    } finally {
      await signed.close();
    }
  });
});
