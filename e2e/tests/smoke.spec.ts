import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { signIn, startServer } from './fixtures.js';
import type { RunningServer } from './fixtures.js';

const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url), 'utf8'));

let server: RunningServer;
let upstream: Upstream;

test.beforeAll(async () => {
  server = await startServer();
  upstream = await startUpstream();
});
test.afterAll(async () => {
  await server?.stop();
  await upstream?.close();
});

test('the web app loads behind sign-in', async ({ page, context }) => {
  await signIn(context, server);
  await page.goto(server.url);
  await expect(page).toHaveTitle(/Switchyard/);
  await expect(page.locator('body')).not.toContainText('not built');
});

test('an order posted to the webhook runs the saga against the integrations', async () => {
  for (const id of ['inventory', 'payments', 'payments_backup', 'shipping']) {
    const created = await server.api('POST', '/api/integrations', { id, name: id, baseUrl: `${upstream.url}/${id}` });
    expect(created.status).toBe(201);
  }
  upstream.script('POST', '/inventory/reservations', [{ status: 201, json: { id: 'res-1' } }]);
  upstream.script('POST', '/payments/charges', [{ status: 503 }, { status: 201, json: { id: 'ch-1' } }]);
  upstream.script('POST', '/shipping/shipments', [{ status: 201, json: { id: 'sh-1' } }]);
  const created = await server.api<{ id: string }>('POST', '/api/workflows', saga);
  expect(created.status).toBe(201);
  expect((await server.api('POST', `/api/workflows/${created.body.id}/activate`)).status).toBe(200);

  const hook = await fetch(`${server.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'order-1' },
    body: JSON.stringify({ orderId: 'o-1', sku: 'sku-1', qty: 1, amount: 990 }),
  });
  expect(hook.status).toBe(202);
  const { runId } = (await hook.json()) as { runId: string };
  await expect
    .poll(async () => (await server.api<{ status: string }>('GET', `/api/runs/${runId}`)).body.status, { timeout: 15_000 })
    .toBe('succeeded');
  const run = await server.api<{ nodes: Array<{ nodeId: string; attempts: Array<{ outcome: string }> }> }>('GET', `/api/runs/${runId}`);
  expect(run.body.nodes.find((n) => n.nodeId === 'charge')?.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
});
