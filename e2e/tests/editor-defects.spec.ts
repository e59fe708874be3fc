import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

// The defects a first-time walk-through of the editor found, each driven as a person would.
const env = serverForFile();

interface Created {
  id: string;
}

/** A manual trigger, then an HTTP call through `integration`. */
function manualWorkflow(integration: string, method = 'GET'): unknown {
  return {
    schemaVersion: 1,
    name: 'Price check',
    nodes: [
      { id: 'start', type: 'trigger.manual', name: 'Start', position: { x: 0, y: 0 } },
      { id: 'quote', type: 'http.request', name: 'Get quote', integration, position: { x: 300, y: 0 }, params: { method, url: "{{ $integration.baseUrl & '/quote' }}" } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'quote' }],
  };
}

async function openCreated(page: Page, workflow: unknown): Promise<{ editor: EditorDriver; id: string }> {
  const created = await env.server.api<Created>('POST', '/api/workflows', workflow);
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  return { editor, id: created.body.id };
}

test.beforeAll(async () => {
  const pricing = await env.server.api('POST', '/api/integrations', { id: 'pricing', name: 'Pricing', baseUrl: env.upstream.url });
  expect(pricing.status).toBe(201);
});

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

test('renaming a node keeps focus in the inspector, Enter renames, and Backspace edits the field instead of deleting the node', async ({ page }) => {
  const { editor } = await openCreated(page, manualWorkflow('pricing'));
  await page.getByTestId('node-card-quote').click();
  const id = editor.inspector.getByTestId('field-id');
  await expect(id).toHaveValue('quote');

  // Enter renames at once.
  await id.fill('quote_price');
  await id.press('Enter');
  await expect(page.getByTestId('node-card-quote_price')).toBeVisible();
  await expect(id).toBeFocused();

  // Tab on to Name and type: the typing lands there, and Backspace deletes a character.
  await id.fill('price');
  await page.keyboard.press('Tab');
  const name = editor.inspector.getByTestId('field-name');
  await expect(page.getByTestId('node-card-price')).toBeVisible();
  await expect(name).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' now');
  await page.keyboard.press('Backspace');
  await expect(name).toHaveValue('Get quote no');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('a workflow with a manual trigger has a Run button that takes an input and opens the run', async ({ page }) => {
  await openCreated(page, manualWorkflow('pricing'));
  env.upstream.script('GET', '/quote', [{ json: { price: 42 } }]);
  await page.getByTestId('btn-run').click();
  await page.getByTestId('run-input').fill('{"sku": "A-1"}');
  await page.getByTestId('run-start').click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+$/);
  const runId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
  const run = await env.server.api<{ trigger?: unknown; status: string }>('GET', `/api/runs/${encodeURIComponent(runId)}`);
  expect(run.status).toBe(200);
  expect(JSON.stringify(run.body)).toContain('A-1');
});

test('a misspelled integration is a warning in the editor, on the node and in the problems list', async ({ page }) => {
  await openCreated(page, manualWorkflow('pricng'));
  const warning = page.locator('[data-testid^="problem-"]', { hasText: 'pricng' });
  await expect(warning).toHaveCount(1);
  await expect(warning).toHaveClass(/problem--warning/);
  await expect(page.getByTestId('problems-none')).toHaveCount(0);
  await expect(page.getByTestId('node-issues-quote')).toBeVisible();
});

test('the HTTP method is a select of the methods; an unknown method in a draft is named as such', async ({ page }) => {
  const { editor, id } = await openCreated(page, manualWorkflow('pricing'));
  await page.getByTestId('node-card-quote').click();
  const method = editor.inspector.getByTestId('field-method');
  await expect(method).toHaveJSProperty('tagName', 'SELECT');
  const options = await method.locator('option').allTextContents();
  expect(options).toEqual(['(default)', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'Expression…']);

  // A draft kept in the browser with a method that is none of them (typed before, or imported).
  await page.evaluate(
    ([key, workflow]) => localStorage.setItem(key, JSON.stringify({ workflow, baseVersion: 1, savedAt: new Date().toISOString() })),
    [`switchyard.draft.${id}`, manualWorkflow('pricing', 'FETCH')] as const,
  );
  await page.reload();
  await page.getByTestId('node-card-quote').click();
  await expect(editor.inspector.getByText('"FETCH" is not one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')).toBeVisible();
  await expect(editor.inspector.getByText('not a {{ template }}')).toHaveCount(0);
  await method.selectOption('POST');
  await expect(editor.inspector.getByText('"FETCH" is not one of')).toHaveCount(0);
  await expect(method).toHaveValue('POST');
});

test('an error banner of one workflow does not follow to a new workflow, and a new workflow is not "saved"', async ({ page }) => {
  await openCreated(page, manualWorkflow('pricing'));
  await page.getByTestId('input-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  await expect(page.getByTestId('editor-message')).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/workflows/new'));
  await expect(page.getByTestId('editor-page')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('editor-message')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toContainText('not saved yet');
  await expect(page.getByTestId('save-status').locator('.status-ok')).toHaveCount(0);
});

test('an example opened from the empty canvas is laid out without overlapping cards', async ({ page }) => {
  const editor = await new EditorDriver(page).openNew(env.server.url);
  await page.getByTestId('example-branch-and-join').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await editor.settle();
  // Every pair of cards, as drawn: no two rectangles intersect.
  await expect
    .poll(async () =>
      page.evaluate(() => {
        const boxes = Array.from(document.querySelectorAll('.react-flow__node')).map((n) => ({ id: n.getAttribute('data-id'), r: n.getBoundingClientRect() }));
        const overlapping: string[] = [];
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1))
            if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) overlapping.push(`${a.id}/${b.id}`);
        return overlapping;
      }),
    )
    .toEqual([]);
});

test('the quick-add menu after a drop on empty canvas takes the arrow keys and Enter', async ({ page }) => {
  const { editor } = await openCreated(page, manualWorkflow('pricing'));
  const handle = await editor.handle('quote', 'out').boundingBox();
  if (!handle) throw new Error('the output handle is not drawn');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 120, handle.y + 160, { steps: 8 });
  await page.mouse.up();
  const menu = page.getByTestId('quick-add');
  await expect(menu).toBeVisible();
  const items = menu.getByRole('menuitem');
  await expect(items.first()).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(items.first()).toHaveAttribute('data-active', 'true');
  await page.keyboard.type('transform');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(editor.edges('next')).toHaveCount(2);
});
