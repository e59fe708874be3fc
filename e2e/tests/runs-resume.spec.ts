import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { createIntegrations, createWorkflow, example, namespaced, openRun, postHook, selectNode, waitForRunEnd } from './support/runs-helpers.js';

const env = serverForFile();

// Resuming ended runs from the run view, as a person does once the failing service is back.

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

test('a failed run resumed from the run view succeeds without repeating its succeeded steps', async ({ page }) => {
  const ns = 'resume';
  await createIntegrations(env.server, env.upstream, ns, ['shop', 'crm', 'chat']);
  await createWorkflow(env.server, namespaced(example('sync-contacts'), ns, 100), true);
  env.upstream.script('GET', `/${ns}/shop/contacts/c-1`, [{ json: { email: 'ada', name: 'Ada' } }]);
  env.upstream.script('PUT', `/${ns}/crm/people/ada`, [{ json: { ok: true } }]);
  env.upstream.script('POST', `/${ns}/chat/messages`, [{ status: 503 }]);
  const runId = await postHook(env.server, `${ns}-contacts`, { contactId: 'c-1' });
  expect((await waitForRunEnd(env.server, runId)).status).toBe('failed');
  expect(env.upstream.countFor('POST', `/${ns}/chat/messages`)).toBe(2);

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('run-node-announce')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('run-node-upsert')).toHaveAttribute('data-status', 'succeeded');

  // The team chat is back.
  env.upstream.script('POST', `/${ns}/chat/messages`, [{ status: 201, json: { id: 'm-1' } }]);
  await page.getByTestId('btn-resume').click();
  const confirm = page.getByTestId('confirm-resume');
  await expect(confirm).toContainText('Kept, not run again: hook, fetch, upsert.');
  await expect(confirm).toContainText('when the flow reaches them: announce.');
  await confirm.getByTestId('btn-confirm').click();
  await expect(page.getByTestId('action-result')).toContainText('Resumed');

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-node-announce')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('btn-resume')).toHaveCount(0);
  // Only the failed step ran again; the contact was fetched and written once.
  expect(env.upstream.countFor('GET', `/${ns}/shop/contacts/c-1`)).toBe(1);
  expect(env.upstream.countFor('PUT', `/${ns}/crm/people/ada`)).toBe(1);
  expect(env.upstream.countFor('POST', `/${ns}/chat/messages`)).toBe(3);

  await selectNode(page, 'announce');
  const panel = page.getByTestId('node-panel');
  await expect(panel.getByTestId('attempt-announce-3')).toHaveAttribute('data-outcome', 'succeeded');
  await expect(panel.getByTestId('attempt-announce-3')).toContainText('epoch 2');
  await expect(panel.getByRole('listitem', { name: /^resumed after .* \(epoch 2\)$/ })).toHaveCount(1);
  await selectNode(page, 'upsert');
  await expect(panel.getByTestId('attempt-upsert-1')).toHaveAttribute('data-outcome', 'succeeded');
  await expect(panel.getByTestId('attempt-upsert-2')).toHaveCount(0);
});

test('a compensated run resumed from the run view executes its compensated steps again in a new epoch', async ({ page }) => {
  const ns = 'resumeundo';
  await createIntegrations(env.server, env.upstream, ns, ['inventory', 'payments', 'payments_backup', 'shipping']);
  await createWorkflow(env.server, namespaced(example('order-saga'), ns, 100), true);
  env.upstream.script('POST', `/${ns}/inventory/reservations`, [{ status: 201, json: { id: 'res-1' } }, { status: 201, json: { id: 'res-2' } }]);
  env.upstream.script('DELETE', `/${ns}/inventory/reservations/res-1`, [{ status: 204 }]);
  env.upstream.script('POST', `/${ns}/payments/charges`, [{ status: 201, json: { id: 'ch-1' } }, { status: 201, json: { id: 'ch-2' } }]);
  env.upstream.script('POST', `/${ns}/payments/refunds`, [{ status: 201, json: { id: 'rf-1' } }]);
  env.upstream.script('POST', `/${ns}/shipping/shipments`, [{ status: 500 }]);
  const runId = await postHook(env.server, `${ns}-orders`, { orderId: 'o-9', sku: 'sku-9', qty: 2, amount: 100 });
  expect((await waitForRunEnd(env.server, runId)).status).toBe('compensated');

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'compensated');
  await expect(page.getByTestId('run-node-reserve')).toHaveAttribute('data-status', 'compensated');

  // Shipping is back: resume runs the undone steps again (new epoch, new idempotency key).
  env.upstream.script('POST', `/${ns}/shipping/shipments`, [{ status: 201, json: { id: 'sh-1' } }]);
  await page.getByTestId('btn-resume').click();
  const confirm = page.getByTestId('confirm-resume');
  await expect(confirm).toContainText('Kept, not run again: order.');
  await expect(confirm).toContainText('when the flow reaches them: reserve, charge, ship.');
  await confirm.getByTestId('btn-confirm').click();

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  for (const id of ['reserve', 'charge', 'ship']) await expect(page.getByTestId(`run-node-${id}`)).toHaveAttribute('data-status', 'succeeded');
  expect(env.upstream.countFor('POST', `/${ns}/inventory/reservations`)).toBe(2);
  expect(env.upstream.countFor('POST', `/${ns}/payments/charges`)).toBe(2);
  expect(env.upstream.countFor('POST', `/${ns}/shipping/shipments`)).toBe(4);
  // The undo of epoch 1 is not repeated.
  expect(env.upstream.countFor('POST', `/${ns}/payments/refunds`)).toBe(1);
  expect(env.upstream.countFor('DELETE', `/${ns}/inventory/reservations/res-1`)).toBe(1);
  // Each epoch had its own idempotency key.
  for (const path of [`/${ns}/inventory/reservations`, `/${ns}/payments/charges`]) {
    const keys = env.upstream.keysFor('POST', path);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  }

  const panel = page.getByTestId('node-panel');
  for (const id of ['reserve', 'charge']) {
    await selectNode(page, id);
    await expect(panel.getByTestId(`attempt-${id}-1`)).not.toContainText('epoch');
    await expect(panel.getByTestId(`attempt-${id}-2`)).toContainText('epoch 2');
    await expect(panel.getByTestId(`attempt-${id}-2`)).toHaveAttribute('data-outcome', 'succeeded');
    await expect(panel.getByRole('listitem', { name: /^resumed after .* \(epoch 2\)$/ })).toHaveCount(1);
  }
  await expect(page.getByTestId('run-events')).toContainText('reserve #2');
  await page.screenshot({ path: new URL('../artifacts/runs-resumed-epoch-2.png', import.meta.url).pathname, fullPage: true });
});
