import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AlertsPage } from './AlertsPage';
import { InsightsPage } from './InsightsPage';
import { IntegrationsPage } from './IntegrationsPage';
import { createOpsApi } from './ops-api';
import { matchOpsRoute } from './routes';

afterEach(cleanup);

/** The real client over a table of `METHOD path` → [status, body], recording the calls. */
function tableApi(routes: Record<string, [number, unknown] | (() => [number, unknown])>) {
  const calls: string[] = [];
  const api = createOpsApi(async (url, init) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push(key);
    const route = routes[key];
    const [status, body] = route === undefined ? [404, { error: { code: 'not_found', message: `no route ${key}` } }] : typeof route === 'function' ? route() : route;
    return new Response(JSON.stringify(body), { status });
  });
  return { api, calls };
}

const integration = { id: 'payments', name: 'Payments', baseUrl: 'https://pay.example', credential: null, timeoutMs: 5000, breaker: null, bulkhead: { maxConcurrent: 4 }, rateLimit: null, retryBudget: null, updatedAt: '2026-11-28T10:00:00.000Z' };
const health = {
  integrationId: 'payments',
  windowMs: 3_600_000,
  calls: 40,
  failures: 12,
  failureRate: 0.3,
  retries: 8,
  retryRate: 0.2,
  latencyMs: { p50: 120, p95: 2400, p99: 4100 },
  errorsByCategory: { server: 9, timeout: 3 },
  sampled: false,
  breaker: { state: 'open', enabled: true, since: '2026-11-28T10:05:00.000Z', retryAt: '2026-11-28T10:05:30.000Z', window: { calls: 20, failures: 12 }, consecutiveFailures: 10, history: [{ at: '2026-11-28T10:05:00.000Z', from: 'closed', to: 'open', reason: '10 availability failures in a row' }] },
  bulkhead: { inFlight: 3, waiting: 1, maxConcurrent: 4, maxQueue: 100 },
  retryBudget: { enabled: true, firstAttempts: 30, retries: 8, allowed: 10 },
};

describe('ops routes', () => {
  it('knows its three pages and nothing else', () => {
    expect(['/integrations', '/alerts/', '/insights', '/runs', '/integrations/x'].map(matchOpsRoute)).toEqual(['integrations', 'alerts', 'insights', null, null]);
  });
});

describe('IntegrationsPage', () => {
  it('shows each integration with its breaker, rates, p95 and errors by category; the details show the breaker history and protections', async () => {
    const { api } = tableApi({ 'GET /api/integrations': [200, { items: [integration] }], 'GET /api/integrations/payments/health?window=1h': [200, health] });
    render(<IntegrationsPage api={api} />);
    const row = await screen.findByTestId('integration-payments');
    expect(row.className).toBe('ops-row--alarm');
    expect(row.querySelector('[data-testid="breaker-state"]')?.getAttribute('data-state')).toBe('open');
    expect(row.textContent).toContain('30 %');
    expect(row.textContent).toContain('2.4 s');
    expect(screen.getByTestId('errors-server').textContent).toBe('server 9');
    fireEvent.click(screen.getByRole('button', { name: /Payments/ }));
    expect(screen.getByTestId('breaker-history').textContent).toContain('closed → open');
    expect(screen.getByTestId('breaker-history').textContent).toContain('10 availability failures in a row');
    expect(screen.getByText(/3 of 4 in flight, 1 waiting/)).toBeTruthy();
    expect(screen.getByText(/8 of 10 retries used/)).toBeTruthy();
  });

  it('says what to do when there are no integrations, and shows an error in words', async () => {
    const { api } = tableApi({ 'GET /api/integrations': [200, { items: [] }] });
    render(<IntegrationsPage api={api} />);
    expect((await screen.findByText(/No integrations yet/)).textContent).toContain('Register one');
    expect(screen.getByTestId('integration-new')).toBeTruthy();
    cleanup();
    const failing = tableApi({ 'GET /api/integrations': [401, { error: { code: 'unauthorized', message: 'no' } }] });
    render(<IntegrationsPage api={failing.api} />);
    expect((await screen.findByRole('alert')).textContent).toBe('You are signed out. Sign in again with an API key.');
  });
});

describe('registering and changing an integration', () => {
  it('registers one from the form, shows a refused field next to it, then lists it', async () => {
    let created: unknown;
    let listed: unknown[] = [];
    const { api } = tableApi({
      'GET /api/integrations': () => [200, { items: listed }],
      'GET /api/integrations/payments/health?window=1h': [200, health],
      'POST /api/integrations': () => {
        if (created === undefined) {
          created = 'refused once';
          return [400, { error: { code: 'invalid_request', message: 'the request body is not valid', details: { issues: [{ path: ['bulkhead', 'maxConcurrent'], message: 'must be at least 1' }] } } }];
        }
        listed = [integration];
        return [201, integration];
      },
    });
    render(<IntegrationsPage api={api} />);
    await screen.findByText(/No integrations yet/);
    fireEvent.click(screen.getByTestId('integration-new'));
    fireEvent.change(screen.getByTestId('integration-id'), { target: { value: 'payments' } });
    fireEvent.change(screen.getByTestId('integration-name'), { target: { value: 'Payments' } });
    fireEvent.change(screen.getByTestId('integration-baseUrl'), { target: { value: 'https://pay.example' } });
    fireEvent.click(screen.getByTestId('integration-bulkhead'));
    fireEvent.change(screen.getByTestId('integration-maxConcurrent'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('integration-save'));
    expect((await screen.findByText('must be at least 1')).closest('.field')?.querySelector('input')?.getAttribute('data-testid')).toBe('integration-maxConcurrent');
    fireEvent.change(screen.getByTestId('integration-maxConcurrent'), { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('integration-save'));
    expect(await screen.findByTestId('integration-payments')).toBeTruthy();
    expect(screen.queryByTestId('integration-form')).toBeNull();
  });
});

const alert = {
  id: 'al_1',
  ruleId: 'pay_breaker',
  subject: 'payments',
  status: 'firing',
  level: 1,
  openedAt: '2026-11-28T10:05:00.000Z',
  lastSeenAt: '2026-11-28T10:06:00.000Z',
  occurrences: 3,
  acknowledgedAt: null,
  resolvedAt: null,
  context: { errorsByCategory: { server: 2 }, recentErrors: [{ runId: 'run-0001-abcdef', link: '/runs/run-0001-abcdef', nodeId: 'charge', at: '2026-11-28T10:04:59.000Z', category: 'server', message: 'HTTP 503', httpStatus: 503 }] },
  deliveries: [{ level: 0, event: 'opened', channel: 'webhook https://hooks.example', at: '2026-11-28T10:05:00.000Z', ok: true, detail: 'HTTP 204', tries: 1 }],
};

describe('AlertsPage', () => {
  it('shows an alert with its rule, level, count, recent errors linked to runs and deliveries; acknowledging reloads it', async () => {
    let acked = false;
    const { api, calls } = tableApi({
      'GET /api/alerts': () => [200, { items: [{ ...alert, status: acked ? 'acknowledged' : 'firing' }] }],
      'GET /api/alert-rules': [200, { items: [{ id: 'pay_breaker', name: 'Payments breaker', enabled: true, condition: { kind: 'breaker_opened' }, levels: [] }] }],
      'POST /api/alerts/al_1/ack': () => {
        acked = true;
        return [200, { ...alert, status: 'acknowledged' }];
      },
    });
    render(<AlertsPage api={api} runHref={(id) => `#/runs/${id}`} />);
    const card = await screen.findByTestId('alert-pay_breaker');
    expect(card.textContent).toContain('Payments breaker');
    expect(card.textContent).toContain('level 2');
    expect(card.textContent).toContain('×3');
    expect(screen.getByTestId('alert-recent-errors').querySelector('a')?.getAttribute('href')).toBe('#/runs/run-0001-abcdef');
    expect(card.textContent).toContain('webhook https://hooks.example');
    fireEvent.click(screen.getByTestId('btn-ack'));
    await waitFor(() => expect(screen.getByTestId('alert-pay_breaker').getAttribute('data-status')).toBe('acknowledged'));
    expect(calls).toContain('POST /api/alerts/al_1/ack');
    expect(screen.queryByTestId('btn-ack')).toBeNull();
  });
});

describe('alert rules', () => {
  it('creates a rule from the Alerts page and lists it', async () => {
    let rules: unknown[] = [];
    let sent: unknown;
    const { api } = tableApi({
      'GET /api/alerts': [200, { items: [] }],
      'GET /api/alert-rules': () => [200, { items: rules }],
      'POST /api/alert-rules': () => {
        rules = [{ id: 'rule_1', name: 'CRM failing', enabled: true, condition: { kind: 'failure_rate', integration: 'crm', above: 0.3 }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook' }] }] }];
        return [201, rules[0]];
      },
    });
    const fetching = api.createAlertRule;
    api.createAlertRule = (body) => {
      sent = body;
      return fetching(body);
    };
    render(<AlertsPage api={api} runHref={(id) => `#/runs/${id}`} />);
    fireEvent.click(await screen.findByTestId('rule-new'));
    fireEvent.change(screen.getByTestId('rule-name'), { target: { value: 'CRM failing' } });
    fireEvent.change(screen.getByTestId('rule-kind'), { target: { value: 'failure_rate' } });
    fireEvent.change(screen.getByTestId('rule-threshold'), { target: { value: '30' } });
    fireEvent.change(screen.getByTestId('rule-subject'), { target: { value: 'crm' } });
    fireEvent.change(screen.getByTestId('rule-level-0-channel-0-target'), { target: { value: 'https://hooks.example/crm' } });
    fireEvent.click(screen.getByTestId('rule-save'));
    expect((await screen.findByTestId('rule-rule_1')).textContent).toContain('CRM failing');
    expect(sent).toEqual({ name: 'CRM failing', condition: { kind: 'failure_rate', integration: 'crm', above: 0.3 }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: 'https://hooks.example/crm' }] }] });
    expect(screen.queryByTestId('rule-form')).toBeNull();
  });
});

describe('InsightsPage', () => {
  it('shows advice with its evidence, applies one as a new version, and lists failure clusters with run links', async () => {
    const advice = { id: 'fewer_attempts:wf_1:3:charge', kind: 'fewer_attempts', workflowId: 'wf_1', version: 3, nodeId: 'charge', integration: 'payments', title: "Lower maxAttempts of 'charge' from 5 to 2", evidence: '20 failures recovered by retrying, 100 % of them by attempt 2', change: { kind: 'set_max_attempts' } };
    const lean = { ...advice, id: 'primary_fails:wf_1:3:charge', kind: 'primary_fails', title: "'charge' leans on its fallback", change: null };
    const cluster = { signature: { integration: 'payments', workflowId: 'wf_1', nodeId: 'charge', category: 'server', httpStatus: 503, message: 'HTTP <n>' }, count: 12, runs: 9, firstSeen: '2026-11-28T09:00:00.000Z', lastSeen: '2026-11-28T10:00:00.000Z', sampleRunIds: ['run-aaaa-0001'], example: 'HTTP 503' };
    const { api, calls } = tableApi({
      'GET /api/insights?window=24h': [200, { windowMs: 86_400_000, since: '2026-11-27T10:00:00.000Z', runs: 42, sampled: false, clusters: [cluster], advice: [advice, lean] }],
      'POST /api/insights/advice/fewer_attempts%3Awf_1%3A3%3Acharge/apply': [200, { workflow: { id: 'wf_1', version: 4 } }],
    });
    render(<InsightsPage api={api} runHref={(id) => `#/runs/${id}`} workflowHref={(id) => `#/workflows/${id}`} />);
    const card = await screen.findByTestId('advice-fewer_attempts');
    expect(card.textContent).toContain('100 % of them by attempt 2');
    expect(screen.getByTestId('advice-primary_fails').textContent).toContain('needs a person');
    expect(screen.getByTestId('clusters').textContent).toContain('HTTP 503');
    expect(screen.getByTestId('clusters').querySelector('a[href="#/runs/run-aaaa-0001"]')).not.toBeNull();
    fireEvent.click(card.querySelector('[data-testid="btn-apply"]')!);
    expect((await screen.findByTestId('advice-applied')).textContent).toContain('saved as version 4');
    expect(calls).toContain('POST /api/insights/advice/fewer_attempts%3Awf_1%3A3%3Acharge/apply');
  });
});
