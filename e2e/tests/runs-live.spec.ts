import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { createIntegrations, createWorkflow, example, namespaced, openRun, postHook, selectNode, waitForRunEnd } from './support/runs-helpers.js';

const env = serverForFile();

// A run in progress updates in the open page (Server-Sent Events), without a reload.

/** The slow step answers after this long: time enough to see it running. */
const SLOW_MS = 2500;

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

test('a run in progress shows a slow step running, then succeeded, without a reload', async ({ page }) => {
  const ns = 'live';
  await createIntegrations(env.server, env.upstream, ns, ['shop', 'crm', 'chat']);
  const doc = namespaced(example('sync-contacts'), ns, 100);
  for (const node of doc.nodes) if (node.id === 'upsert') node.policy = { timeoutMs: SLOW_MS * 4 };
  await createWorkflow(env.server, doc, true);
  env.upstream.script('GET', `/${ns}/shop/contacts/c-7`, [{ json: { email: 'grace', name: 'Grace' } }]);
  env.upstream.script('PUT', `/${ns}/crm/people/grace`, [{ delayMs: SLOW_MS, json: { ok: true } }]);
  env.upstream.script('POST', `/${ns}/chat/messages`, [{ status: 201, json: { id: 'm-7' } }]);

  let loads = 0;
  page.on('load', () => loads++);
  const runId = await postHook(env.server, `${ns}-contacts`, { contactId: 'c-7' });
  await openRun(page, env.server, runId);
  // A marker in the document: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const upsert = page.getByTestId('run-node-upsert');
  await expect(upsert).toHaveAttribute('data-status', 'running', { timeout: SLOW_MS });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('run-node-fetch')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-node-announce')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('btn-cancel')).toBeVisible();
  await selectNode(page, 'upsert');
  const attempt = page.getByTestId('node-panel').getByTestId('attempt-upsert-1');
  await expect(attempt).toHaveAttribute('data-outcome', 'running');

  // The answer arrives: the same page shows it.
  await expect(upsert).toHaveAttribute('data-status', 'succeeded', { timeout: SLOW_MS * 3 });
  await expect(attempt).toHaveAttribute('data-outcome', 'succeeded');
  await expect(page.getByTestId('run-node-announce')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('btn-cancel')).toHaveCount(0);
  await expect(page.getByTestId('run-events')).toContainText('announce #1');

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(loads).toBe(1);
  expect((await waitForRunEnd(env.server, runId)).status).toBe('succeeded');
});

test('the runs list shows runs by status and opens one by its row; a path deep link opens it too', async ({ page }) => {
  const ns = 'list';
  await createIntegrations(env.server, env.upstream, ns, ['shop', 'crm', 'chat']);
  await createWorkflow(env.server, namespaced(example('sync-contacts'), ns, 100), true);
  env.upstream.script('GET', `/${ns}/shop/contacts/c-8`, [{ json: { email: 'linus', name: 'Linus' } }]);
  env.upstream.script('PUT', `/${ns}/crm/people/linus`, [{ json: { ok: true } }]);
  env.upstream.script('POST', `/${ns}/chat/messages`, [{ status: 400 }]);
  const runId = await postHook(env.server, `${ns}-contacts`, { contactId: 'c-8' });
  expect((await waitForRunEnd(env.server, runId)).status).toBe('failed');

  await page.goto(`${env.server.url}/#/runs`);
  const row = page.getByTestId(`runs-row-${runId}`);
  await expect(row).toHaveAttribute('data-status', 'failed');
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${runId}$`));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  await selectNode(page, 'announce');
  // A 400 is not retried: one attempt.
  await expect(page.getByTestId('attempt-announce-1')).toContainText('HTTP 400');
  await expect(page.getByTestId('attempt-announce-2')).toHaveCount(0);

  await page.goto(`${env.server.url}/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  await expect(page).toHaveURL(new RegExp(`/#/runs/${runId}$`));
});
