import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

const env = serverForFile();

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

const workflow = {
  schemaVersion: 1,
  name: 'Code',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, params: {} },
    { id: 'js', type: 'code', position: { x: 300, y: 0 }, params: { code: 'const items = $input.body.items;\nreturn { total: items.length };' } },
  ],
  edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'js' }],
};

test('a code node is edited in a CodeMirror editor, loaded only when a form shows code, and its edit runs', async ({ page }) => {
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', workflow);
  expect(created.status).toBe(201);
  const chunks: string[] = [];
  page.on('request', (request) => {
    if (/\/assets\/CodeEditor-[^/]+\.js$/.test(request.url())) chunks.push(request.url());
  });
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  // Drawing the workflow does not load the code editor.
  expect(chunks).toEqual([]);
  await page.getByTestId('node-card-js').locator('.node-card__header').click();
  const field = editor.inspector.getByTestId('field-code');
  await expect(field.locator('.cm-editor')).toBeVisible();
  expect(chunks).toHaveLength(1);
  // Line numbers and JavaScript highlighting.
  await expect(field.locator('.cm-lineNumbers .cm-gutterElement')).toContainText(['1', '2']);
  await expect(field.locator('.cm-content')).toContainText('return { total: items.length };');
  expect(await field.locator('.cm-content span').count()).toBeGreaterThan(3);

  // Type at the end of the first line; a bracket next to the cursor is matched.
  await field.locator('.cm-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('\nconsole.log(items.length);');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(field.locator('.cm-matchingBracket')).toHaveCount(2);
  await editor.save();

  const stored = await env.server.api<{ nodes: Array<{ id: string; params: { code: string } }> }>('GET', `/api/workflows/${created.body.id}`);
  const code = stored.body.nodes.find((n) => n.id === 'js')!.params.code;
  expect(code).toBe('const items = $input.body.items;\nconsole.log(items.length);\nreturn { total: items.length };');

  const run = await env.server.api<{ runId: string }>('POST', `/api/workflows/${created.body.id}/runs`, { input: { items: [1, 2, 3] } });
  await expect
    .poll(async () => (await env.server.api<{ status: string }>('GET', `/api/runs/${run.body.runId}`)).body.status)
    .toBe('succeeded');
  const finished = await env.server.api<{ nodes: Array<{ nodeId: string; output: unknown; attempts: Array<{ response: { body: unknown } }> }> }>('GET', `/api/runs/${run.body.runId}`);
  const js = finished.body.nodes.find((n) => n.nodeId === 'js')!;
  expect(js.output).toEqual({ total: 3 });
  expect(js.attempts[0]!.response.body).toEqual({ logs: ['3'] });
});
