import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';

const env = serverForFile();

const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url), 'utf8'));

test('the web app loads behind sign-in', async ({ page, context }) => {
  await signIn(context, env.server);
  await page.goto(env.server.url);
  await expect(page).toHaveTitle(/Switchyard/);
  await expect(page.locator('body')).not.toContainText('not built');
});

test('an order posted to the webhook runs the saga against the integrations', async () => {
  for (const id of ['inventory', 'payments', 'payments_backup', 'shipping']) {
    const created = await env.server.api('POST', '/api/integrations', { id, name: id, baseUrl: `${env.upstream.url}/${id}` });
    expect(created.status).toBe(201);
  }
  env.upstream.script('POST', '/inventory/reservations', [{ status: 201, json: { id: 'res-1' } }]);
  env.upstream.script('POST', '/payments/charges', [{ status: 503 }, { status: 201, json: { id: 'ch-1' } }]);
  env.upstream.script('POST', '/shipping/shipments', [{ status: 201, json: { id: 'sh-1' } }]);
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', saga);
  expect(created.status).toBe(201);
  expect((await env.server.api('POST', `/api/workflows/${created.body.id}/activate`)).status).toBe(200);

  const hook = await fetch(`${env.server.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'order-1' },
    body: JSON.stringify({ orderId: 'o-1', sku: 'sku-1', qty: 1, amount: 990 }),
  });
  expect(hook.status).toBe(202);
  const { runId } = (await hook.json()) as { runId: string };
  await expect
    .poll(async () => (await env.server.api<{ status: string }>('GET', `/api/runs/${runId}`)).body.status, { timeout: 30_000 })
    .toBe('succeeded');
  const run = await env.server.api<{ nodes: Array<{ nodeId: string; attempts: Array<{ outcome: string }> }> }>('GET', `/api/runs/${runId}`);
  expect(run.body.nodes.find((n) => n.nodeId === 'charge')?.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
});
