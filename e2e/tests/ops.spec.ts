import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';

// The alert webhook receiver listens on 127.0.0.1: loopback is on the server's allow-list here.
const env = serverForFile({ SWITCHYARD_ALLOWED_HOSTS: '127.0.0.1' });
const artifacts = new URL('../artifacts/', import.meta.url).pathname;
const at = { x: 0, y: 0 };

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

/** manual trigger → `call` (http.request on `integration`) with a retry edge. */
function callFlow(integration: string, path: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: `Calls ${integration}`,
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at, params: {} },
      { id: 'call', type: 'http.request', integration, position: at, params: { method: 'POST', url: `{{ $integration.baseUrl & '${path}' }}`, body: {} } },
    ],
    edges: [
      { id: 'e1', kind: 'next', source: 'start', target: 'call' },
      { id: 'r1', kind: 'retry', source: 'call', target: 'call', retry: { maxAttempts: 2, initialDelayMs: 1, jitter: 'none' } },
    ],
  };
}

async function runAll(workflowId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { body } = await env.server.api<{ runId: string }>('POST', `/api/workflows/${workflowId}/runs`, { input: { i } });
    await expect.poll(async () => (await env.server.api<{ status: string }>('GET', `/api/runs/${body.runId}`)).body.status, { timeout: 30_000 }).toMatch(/succeeded|failed/);
  }
}

test('a failing integration: its breaker shows open with its history, the alert can be acknowledged, and advice applies as a new version', async ({ page }) => {
  const received: unknown[] = [];
  const hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  try {
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/oncall`;
    env.upstream.script('POST', '/ops/down', [{ status: 503, json: { down: true } }]);
    // Registered from the Integrations page, as a user would.
    await page.goto(`${env.server.url}/#/integrations`);
    await page.getByTestId('integration-new').click();
    await page.getByTestId('integration-id').fill('ops_pay');
    await page.getByTestId('integration-name').fill('Payments');
    await page.getByTestId('integration-baseUrl').fill(`${env.upstream.url}/ops`);
    await page.getByTestId('integration-consecutiveFailures').fill('10');
    await page.getByTestId('integration-coolDownMs').fill('600000');
    await page.getByTestId('integration-save').click();
    await expect(page.getByTestId('integration-ops_pay')).toBeVisible();
    const { body: registered } = await env.server.api<{ breaker: unknown }>('GET', '/api/integrations/ops_pay');
    expect(registered.breaker).toEqual({ consecutiveFailures: 10, coolDownMs: 600_000 });
    // And an alert rule from the Alerts page.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('Payments breaker');
    await page.getByTestId('rule-subject').fill('ops_pay');
    await page.getByTestId('rule-level-0-channel-0-target').fill(hookUrl);
    await page.getByTestId('rule-save').click();
    await expect(page.getByTestId('rule-form')).toHaveCount(0);
    const { body: rules } = await env.server.api<{ items: Array<{ id: string; name: string; condition: unknown }> }>('GET', '/api/alert-rules');
    expect(rules.items).toHaveLength(1);
    expect(rules.items[0]?.condition).toEqual({ kind: 'breaker_opened', integration: 'ops_pay' });
    const ruleId = rules.items[0]!.id;
    const { body: wf } = await env.server.api<{ id: string }>('POST', '/api/workflows', callFlow('ops_pay', '/down'));
    // Five runs of two failed attempts each: ten in a row open the breaker; every retry was hopeless.
    await runAll(wf.id, 5);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);

    await page.getByTestId('nav-integrations').click();
    const row = page.getByTestId('integration-ops_pay');
    await expect(row.getByTestId('breaker-state')).toHaveAttribute('data-state', 'open');
    await expect(row.getByTestId('errors-server')).toHaveText('server 10');
    await row.getByRole('button', { name: /Payments/ }).click();
    await expect(page.getByTestId('breaker-history')).toContainText('closed → open');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}ops-integrations.png`, fullPage: true });

    await page.getByTestId('nav-alerts').click();
    const alert = page.getByTestId(`alert-${ruleId}`);
    await expect(alert).toHaveAttribute('data-status', 'firing');
    await expect(alert.getByTestId('alert-recent-errors').locator('a').first()).toHaveAttribute('href', /^#\/runs\//);
    await page.screenshot({ path: `${artifacts}ops-alerts.png`, fullPage: true });
    await alert.getByTestId('btn-ack').click();
    await expect(alert).toHaveAttribute('data-status', 'acknowledged');

    await page.getByTestId('nav-insights').click();
    const advice = page.getByTestId('advice-stop_retrying');
    await expect(advice).toContainText("Stop retrying 'call' on server");
    await page.screenshot({ path: `${artifacts}ops-insights.png`, fullPage: true });
    await advice.getByTestId('btn-apply').click();
    await expect(page.getByTestId('advice-applied')).toContainText('saved as version 2');
    const { body: v2 } = await env.server.api<{ version: number; edges: Array<{ id: string; retry?: { on?: string[] } }> }>('GET', `/api/workflows/${wf.id}`);
    expect(v2.version).toBe(2);
    expect(v2.edges.find((e) => e.id === 'r1')?.retry?.on).toEqual(['network', 'rate_limited', 'timeout']);
  } finally {
    await new Promise((resolve) => hook.close(resolve));
  }
});
