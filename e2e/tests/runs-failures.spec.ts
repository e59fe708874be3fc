import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { createIntegrations, createWorkflow, eventRows, example, namespaced, openRun, postHook, selectNode, waitForRunEnd } from './support/runs-helpers.js';

const env = serverForFile();

// The run view of runs that met failures: retries, a fallback, compensation. Each test has its
// own integrations, upstream paths and webhook path (namespace), on one server and one upstream.

const SAGA_INTEGRATIONS = ['inventory', 'payments', 'payments_backup', 'shipping'];
const ORDER = { orderId: 'o-1', sku: 'sku-1', qty: 1, amount: 990 };
const RETRY_WAIT_MS = 150;
const artifacts = new URL('../artifacts/', import.meta.url).pathname;

test.beforeAll(() => {
  mkdirSync(artifacts, { recursive: true });
});
test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

/** A wait's label in the attempt timeline: `waited 152 ms`, or `waited 1.2 s` on a slow machine. */
const WAITED = /^waited (\d+ ms|\d+(\.\d)? s)$/;
function waitedMs(label: string): number {
  const m = /^waited (\d+(?:\.\d)?) (ms|s)$/.exec(label);
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
}

/** An order-saga copy for namespace `ns`, active, with its integrations registered. */
async function saga(ns: string): Promise<string> {
  await createIntegrations(env.server, env.upstream, ns, SAGA_INTEGRATIONS);
  const doc = namespaced(example('order-saga'), ns, RETRY_WAIT_MS);
  await createWorkflow(env.server, doc, true);
  return `${ns}-orders`;
}

test('a charge that fails twice then succeeds shows three attempts with their categories and the waits between them', async ({ page }) => {
  const hook = await saga('retries');
  env.upstream.script('POST', '/retries/inventory/reservations', [{ status: 201, json: { id: 'res-1' } }]);
  env.upstream.script('POST', '/retries/payments/charges', [{ status: 503 }, { status: 503 }, { status: 201, json: { id: 'ch-1' } }]);
  env.upstream.script('POST', '/retries/shipping/shipments', [{ status: 201, json: { id: 'sh-1' } }]);
  const runId = await postHook(env.server, hook, ORDER, 'order-retries');
  expect((await waitForRunEnd(env.server, runId)).status).toBe('succeeded');

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  const charge = page.getByTestId('run-node-charge');
  await expect(charge).toHaveAttribute('data-status', 'succeeded');
  await expect(charge).toContainText('3 attempts');

  await selectNode(page, 'charge');
  const panel = page.getByTestId('node-panel');
  // The timeline: three bars, the first two failed with server / HTTP 503, and a wait before each retry.
  const timeline = panel.getByRole('list', { name: 'Attempts of charge' });
  const items = timeline.getByRole('listitem');
  await expect(items).toHaveCount(5);
  await expect(items.nth(0)).toHaveAttribute('aria-label', /^Attempt 1: failed · server · HTTP 503/);
  await expect(items.nth(1)).toHaveAttribute('aria-label', WAITED);
  await expect(items.nth(2)).toHaveAttribute('aria-label', /^Attempt 2: failed · server · HTTP 503/);
  await expect(items.nth(3)).toHaveAttribute('aria-label', WAITED);
  await expect(items.nth(4)).toHaveAttribute('aria-label', /^Attempt 3: succeeded · HTTP 201/);
  for (const wait of [items.nth(1), items.nth(3)]) expect(waitedMs((await wait.getAttribute('aria-label')) ?? '')).toBeGreaterThanOrEqual(RETRY_WAIT_MS);
  // The attempt rows say the same, with the wait scheduled before each retry.
  await expect(panel.getByTestId('attempt-charge-1')).toHaveAttribute('data-outcome', 'failed');
  await expect(panel.getByTestId('attempt-charge-1')).toContainText('server');
  await expect(panel.getByTestId('attempt-charge-1')).toContainText('HTTP 503');
  await expect(panel.getByTestId('attempt-charge-2')).toContainText(`after a ${RETRY_WAIT_MS} ms wait`);
  await expect(panel.getByTestId('attempt-charge-3')).toHaveAttribute('data-outcome', 'succeeded');
  await expect(panel.getByTestId('attempt-charge-3')).toContainText('HTTP 201');
  await expect(panel.getByTestId('attempt-charge-3')).toContainText(`after a ${RETRY_WAIT_MS} ms wait`);
  // Opening a failed attempt shows its error and exchange.
  await panel.getByTestId('attempt-charge-1').getByRole('button').first().click();
  await expect(panel.getByTestId('attempt-charge-1')).toContainText('server: HTTP 503');
  await expect(panel.getByTestId('attempt-charge-1')).toContainText('response: 503');
  await page.screenshot({ path: `${artifacts}runs-retries.png`, fullPage: true });
});

test('a charge that falls back shows the fallback edge taken and the node source', async ({ page }) => {
  const hook = await saga('fallback');
  env.upstream.script('POST', '/fallback/inventory/reservations', [{ status: 201, json: { id: 'res-2' } }]);
  env.upstream.script('POST', '/fallback/payments/charges', [{ status: 503 }]);
  env.upstream.script('POST', '/fallback/payments_backup/charges', [{ status: 201, json: { id: 'bk-1' } }]);
  env.upstream.script('POST', '/fallback/shipping/shipments', [{ status: 201, json: { id: 'sh-2' } }]);
  const runId = await postHook(env.server, hook, ORDER, 'order-fallback');
  expect((await waitForRunEnd(env.server, runId)).status).toBe('succeeded');
  expect(env.upstream.countFor('POST', '/fallback/payments/charges')).toBe(3);
  expect(env.upstream.countFor('POST', '/fallback/payments_backup/charges')).toBe(1);

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-degraded')).toBeVisible();
  await expect(page.getByTestId('run-node-charge_backup')).toHaveAttribute('data-status', 'succeeded');
  // The fallback edge is drawn taken (bold); the unused compensation edges are not.
  const fallbackEdge = page.getByTestId('rf__edge-f1');
  await expect(fallbackEdge).toHaveClass(/run-edge--taken/);
  await expect(fallbackEdge.locator('path.react-flow__edge-path')).toHaveCSS('stroke-width', '3px');
  await expect(page.getByTestId('rf__edge-c2')).not.toHaveClass(/run-edge--taken/);
  await expect(page.getByTestId('rf__edge-e3')).toHaveClass(/run-edge--taken/);

  await selectNode(page, 'charge');
  const panel = page.getByTestId('node-panel');
  await expect(panel.getByTestId('node-source')).toHaveText(/fallback:charge_backup/);
  await expect(panel.getByTestId('node-status')).toContainText('via fallback');
  for (const n of [1, 2, 3]) await expect(panel.getByTestId(`attempt-charge-${n}`)).toContainText('HTTP 503');
  await page.screenshot({ path: `${artifacts}runs-fallback.png`, fullPage: true });
});

test('a run that fails late shows its compensations in reverse order and ends compensated', async ({ page }) => {
  const hook = await saga('undo');
  env.upstream.script('POST', '/undo/inventory/reservations', [{ status: 201, json: { id: 'res-3' } }]);
  env.upstream.script('DELETE', '/undo/inventory/reservations/res-3', [{ status: 204 }]);
  env.upstream.script('POST', '/undo/payments/charges', [{ status: 201, json: { id: 'ch-3' } }]);
  env.upstream.script('POST', '/undo/payments/refunds', [{ status: 201, json: { id: 'rf-3' } }]);
  env.upstream.script('POST', '/undo/shipping/shipments', [{ status: 500 }]);
  const runId = await postHook(env.server, hook, ORDER, 'order-undo');
  expect((await waitForRunEnd(env.server, runId)).status).toBe('compensated');

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'compensated');
  await expect(page.getByTestId('run-status')).toContainText('compensated');
  await expect(page.getByTestId('run-node-ship')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('run-node-charge')).toHaveAttribute('data-status', 'compensated');
  await expect(page.getByTestId('run-node-reserve')).toHaveAttribute('data-status', 'compensated');
  await expect(page.getByTestId('run-node-refund')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-node-release')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('rf__edge-c2')).toHaveClass(/run-edge--taken/);
  await expect(page.getByTestId('rf__edge-c1')).toHaveClass(/run-edge--taken/);

  // The events list is in start order: the charge is refunded before the stock is released.
  await expect
    .poll(async () => (await eventRows(page)).map((r) => /\b(\w+) #\d+/.exec(r)?.[1]))
    .toEqual(['order', 'reserve', 'charge', 'ship', 'ship', 'ship', 'refund', 'release']);
  // ... and their attempts started in that order.
  const startOf = async (nodeId: string) => Date.parse((await page.getByTestId('run-events').locator('li', { hasText: `${nodeId} #` }).locator('time').getAttribute('datetime')) ?? '');
  expect(await startOf('refund')).toBeLessThanOrEqual(await startOf('release'));

  await selectNode(page, 'charge');
  await expect(page.getByTestId('node-compensation')).toContainText('undone by refund: succeeded');
  await selectNode(page, 'reserve');
  await expect(page.getByTestId('node-compensation')).toContainText('undone by release: succeeded');
  await page.screenshot({ path: `${artifacts}runs-compensated.png`, fullPage: true });
});

test('a run with retries, a fallback and compensations shows each, and the undo at the provider that charged', async ({ page }) => {
  const hook = await saga('all');
  env.upstream.script('POST', '/all/inventory/reservations', [{ status: 201, json: { id: 'res-4' } }]);
  env.upstream.script('DELETE', '/all/inventory/reservations/res-4', [{ status: 204 }]);
  env.upstream.script('POST', '/all/payments/charges', [{ status: 503 }]);
  env.upstream.script('POST', '/all/payments_backup/charges', [{ status: 201, json: { id: 'bk-4' } }]);
  env.upstream.script('POST', '/all/payments_backup/refunds', [{ status: 201, json: { id: 'rf-4' } }]);
  env.upstream.script('POST', '/all/shipping/shipments', [{ status: 500 }]);
  const runId = await postHook(env.server, hook, ORDER, 'order-all');
  expect((await waitForRunEnd(env.server, runId)).status).toBe('compensated');
  // The backup provider charged, so the backup provider refunded; the first provider was never asked to.
  expect(env.upstream.countFor('POST', '/all/payments_backup/refunds')).toBe(1);
  expect(env.upstream.countFor('POST', '/all/payments/refunds')).toBe(0);

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'compensated');
  for (const id of ['reserve', 'charge', 'charge_backup']) await expect(page.getByTestId(`run-node-${id}`)).toHaveAttribute('data-status', 'compensated');
  await expect(page.getByTestId('run-node-refund_backup')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-node-refund')).toHaveAttribute('data-status', 'skipped');
  for (const edge of ['f1', 'c1', 'c3']) await expect(page.getByTestId(`rf__edge-${edge}`)).toHaveClass(/run-edge--taken/);
  await expect(page.getByTestId('rf__edge-c2')).not.toHaveClass(/run-edge--taken/);
  await expect
    .poll(async () => (await eventRows(page)).map((r) => /\b(\w+) #\d+/.exec(r)?.[1]))
    .toEqual(['order', 'reserve', 'charge', 'charge', 'charge', 'charge_backup', 'ship', 'ship', 'ship', 'refund_backup', 'release']);

  await selectNode(page, 'charge');
  await expect(page.getByTestId('node-source')).toHaveText(/fallback:charge_backup/);
  await expect(page.getByRole('list', { name: 'Attempts of charge' }).getByRole('listitem', { name: /^Attempt \d: failed · server · HTTP 503/ })).toHaveCount(3);
  // Undone at the provider that produced its output (http-api.md's example).
  await expect(page.getByTestId('node-compensation')).toContainText('undone by refund_backup: succeeded');
  await page.screenshot({ path: `${artifacts}runs-retries-fallback-compensation.png`, fullPage: true });
});
