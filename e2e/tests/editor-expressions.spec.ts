import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

const env = serverForFile();
const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url), 'utf8')) as unknown;

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

test('an expression field highlights JSONata and completes node ids from the keyboard', async ({ page }) => {
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', saga);
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await page.getByTestId('node-card-ship').locator('.node-card__header').click();
  const inspector = editor.inspector;
  const url = inspector.getByTestId('field-url');
  const highlight = inspector.getByTestId('field-url-highlight');

  // The stored template is drawn with its tokens, under a field whose text is transparent.
  await expect(highlight).toHaveText("{{ $integration.baseUrl & '/shipments' }}");
  await expect(highlight.locator('.tok--variable')).toHaveText(['$integration']);
  await expect(highlight.locator('.tok--string')).toHaveText(["'/shipments'"]);
  // The highlight lies exactly under the text: same box, same font, same spacing.
  const metrics = (selector: string) =>
    page.evaluate((sel) => {
      const el = document.querySelector(sel)!;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height, s.fontFamily, s.fontSize, s.letterSpacing, s.paddingLeft, s.paddingTop, s.borderLeftWidth, s.borderTopWidth].join('|');
    }, selector);
  expect(await metrics('[data-testid="field-url-highlight"]')).toBe(await metrics('[data-testid="field-url"]'));

  // Typing `$nodes.ch` inside the expression offers the matching node ids; the keyboard picks one.
  await url.click();
  await url.press('End');
  for (let i = 0; i < 3; i++) await url.press('ArrowLeft');
  await url.pressSequentially(" & '/' & $nodes.ch");
  const options = inspector.getByTestId('completions').getByRole('option');
  await expect(options).toHaveText([/^charge/, /^charge_backup/]);
  await url.press('ArrowDown');
  await url.press('Enter');
  await expect(inspector.getByTestId('completions')).toHaveCount(0);
  await url.pressSequentially('.body.id');
  await expect(url).toHaveValue("{{ $integration.baseUrl & '/shipments' & '/' & $nodes.charge_backup.body.id }}");
  await expect(highlight.locator('.tok--variable')).toHaveText(['$integration', '$nodes']);
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');

  // An error in the expression is reported under the field, from the real parser.
  await url.press('End');
  await url.press('ArrowLeft');
  await url.press('ArrowLeft');
  await url.pressSequentially(' &');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByRole('alert')).toBeVisible();
  mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
  await page.screenshot({ path: new URL('../artifacts/editor-expression.png', import.meta.url).pathname, clip: (await inspector.boundingBox())! });
});
