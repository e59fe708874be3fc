import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

const env = serverForFile();

// Pictures of the editor for people (e2e/artifacts/ is not committed): the four edge kinds and
// the node policies should read at a glance.
const artifacts = new URL('../artifacts/', import.meta.url).pathname;
const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url), 'utf8')) as unknown;

test.beforeAll(() => {
  mkdirSync(artifacts, { recursive: true });
});

test('screenshots of the order saga: whole canvas, and the On failure inspector', async ({ page, context }) => {
  await signIn(context, env.server);
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', saga);
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(8);

  await editor.fitView();
  await expect(editor.edges('fallback')).toContainText('#1');
  await page.screenshot({ path: `${artifacts}editor-order-saga.png` });

  await page.getByTestId('btn-layout').click();
  await editor.settle();
  await editor.fitView();
  await page.screenshot({ path: `${artifacts}editor-order-saga-auto-layout.png` });

  const charge = editor.nodeDriver('charge');
  await charge.select();
  await editor.inspector.getByTestId('tab-failure').click();
  await expect(editor.inspector.getByTestId('retry-preview')).toBeVisible();
  await page.screenshot({ path: `${artifacts}editor-order-saga-on-failure.png` });
});
