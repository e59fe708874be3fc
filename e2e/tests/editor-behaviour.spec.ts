import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

const env = serverForFile();

interface WorkflowJson {
  name: string;
  nodes: Array<{ id: string }>;
  edges: Array<{ id: string; kind: string; source: string; target: string }>;
}

const examplePath = (file: string): string => new URL(`../../examples/${file}`, import.meta.url).pathname;
const example = (file: string): WorkflowJson => JSON.parse(readFileSync(examplePath(file), 'utf8')) as WorkflowJson;
const EXAMPLES = ['order-saga.json', 'enrich-with-cache.json', 'sync-contacts.json', 'branch-and-join.json'];

async function openSaga(page: Page): Promise<{ editor: EditorDriver; id: string }> {
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', example('order-saga.json'));
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(page.getByTestId('problems-none')).toBeVisible();
  return { editor, id: created.body.id };
}

/** What the canvas draws: node ids, and every edge as kind:source->target. */
async function drawnGraph(page: Page): Promise<{ nodes: string[]; edges: string[]; retries: string[] }> {
  return page.evaluate(() => ({
    nodes: Array.from(document.querySelectorAll('.react-flow__node')).map((n) => n.getAttribute('data-id') ?? '').sort(),
    edges: Array.from(document.querySelectorAll('.react-flow__edge'))
      .map((e) => {
        const kind = /edge-(next|fallback|compensate|retry)/.exec(e.getAttribute('class') ?? '')?.[1];
        return `${kind}:${e.getAttribute('data-id')}`;
      })
      .sort(),
    retries: Array.from(document.querySelectorAll('[data-testid^="retry-loop-"]')).map((r) => r.getAttribute('data-testid') ?? '').sort(),
  }));
}

/** The unsaved draft the editor keeps of this workflow (its JSON, as it would be saved). */
async function draft(page: Page, id: string): Promise<unknown> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as { workflow: unknown }).workflow;
  }, `switchyard.draft.${id}`);
}

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

test('a deleted edge leaves a node unreachable: the node and the problems list say so, and a click selects it', async ({ page }) => {
  const { editor } = await openSaga(page);

  // Select the reserve -> charge edge on the canvas and delete it with the keyboard.
  await page.locator('.react-flow__edge[data-id="e2"] .react-flow__edge-interaction').click();
  await expect(page.getByTestId('edge-form')).toContainText('reserve → charge');
  await page.keyboard.press('Delete');
  await expect(editor.edges('next')).toHaveCount(2);

  // charge (and ship after it) are now unreachable; the fallback and undo nodes are not reported.
  await expect(page.getByTestId('node-issues-charge')).toContainText('not reachable');
  await expect(page.getByTestId('node-issues-ship')).toContainText('not reachable');
  await expect(page.getByTestId('node-issues-reserve')).toHaveCount(0);
  await expect(page.getByTestId('node-issues-charge_backup')).toHaveCount(0);
  await expect(page.getByTestId('node-card-charge')).toHaveClass(/has-error/);
  await expect(page.getByTestId('btn-save')).toBeDisabled();
  await expect(page.getByTestId('save-reason')).toBeVisible();

  const problem = page.locator('[data-testid^="problem-"]', { hasText: 'node charge' });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText("node 'charge' is not reachable");
  await problem.click();
  await expect(page.getByTestId('node-card-charge')).toHaveClass(/is-selected/);
  await expect(editor.inspector.getByTestId('field-id')).toHaveValue('charge');
});

test('an invalid param marks its node and names it in the problems list', async ({ page }) => {
  const { editor } = await openSaga(page);
  const ship = editor.nodeDriver('ship');
  await ship.select();
  await editor.inspector.getByTestId('field-url').fill('not a url');
  await expect(page.getByTestId('node-issues-ship')).toBeVisible();
  const problem = page.locator('[data-testid^="problem-"]', { hasText: 'node ship' });
  await expect(problem).toContainText('params.url');

  // Select another node, then go back to ship through the problem.
  await editor.nodeDriver('reserve').select();
  await problem.click();
  await expect(editor.inspector.getByTestId('field-id')).toHaveValue('ship');
  await expect(page.getByTestId('node-card-ship')).toHaveClass(/is-selected/);
});

test('undo and redo restore the previous graph', async ({ page }) => {
  const { editor, id } = await openSaga(page);
  const original = await drawnGraph(page);

  // Edit 1: delete a node (and with it its edges) with the keyboard.
  await editor.nodeDriver('refund_backup').select();
  await page.keyboard.press('Delete');
  await expect(editor.node('refund_backup')).toHaveCount(0);
  // React Flow draws edges a frame after the nodes they join: wait for them to settle.
  await expect.poll(async () => (await drawnGraph(page)).edges.length).toBe(original.edges.length - 1);
  const afterDelete = await drawnGraph(page);
  const draftAfterDelete = await draft(page, id);
  expect(afterDelete.nodes).not.toContain('refund_backup');
  expect(afterDelete.edges).toHaveLength(original.edges.length - 1);

  // Edit 2: a parameter, typed in one field (one undo step).
  await editor.nodeDriver('ship').select();
  await editor.inspector.getByTestId('field-method').fill('PUT');
  await expect(page.getByTestId('node-card-ship')).toContainText('PUT');
  await editor.clickEmptyCanvas();

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-card-ship')).toContainText('POST');
  expect(await draft(page, id)).toEqual(draftAfterDelete);

  await page.getByTestId('btn-undo').click();
  await expect(editor.node('refund_backup')).toHaveCount(1);
  await expect.poll(() => drawnGraph(page)).toEqual(original);
  await expect(page.getByTestId('problems-none')).toBeVisible();

  await page.keyboard.press('Control+y');
  await expect(editor.node('refund_backup')).toHaveCount(0);
  await expect.poll(() => drawnGraph(page)).toEqual(afterDelete);
  expect(await draft(page, id)).toEqual(draftAfterDelete);

  await page.getByTestId('btn-redo').click();
  await expect(page.getByTestId('node-card-ship')).toContainText('PUT');
  await expect(page.getByTestId('btn-redo')).toBeDisabled();
});

test('importing each example draws every node and edge', async ({ page }) => {
  const editor = await new EditorDriver(page).openNew(env.server.url);
  for (const file of EXAMPLES) {
    const workflow = example(file);
    await page.getByTestId('input-import').setInputFiles(examplePath(file));
    await expect(page.getByTestId('editor-message')).toContainText(`Imported "${workflow.name}"`);
    await expect(page.locator('.react-flow__node')).toHaveCount(workflow.nodes.length);
    for (const node of workflow.nodes) await expect(editor.node(node.id)).toBeVisible();
    for (const kind of ['next', 'fallback', 'compensate'] as const) {
      await expect(editor.edges(kind), `${file}: ${kind} edges`).toHaveCount(workflow.edges.filter((e) => e.kind === kind).length);
    }
    // Retry edges are loops on their node's card.
    const retried = workflow.edges.filter((e) => e.kind === 'retry').map((e) => e.source);
    await expect(page.locator('[data-testid^="retry-loop-"]')).toHaveCount(retried.length);
    for (const nodeId of retried) await expect(page.getByTestId(`retry-loop-${nodeId}`)).toBeVisible();
    await expect(editor.edges('retry')).toHaveCount(0);
    await expect(page.getByTestId('problems-none')).toBeVisible();
    // Every edge's both ends are drawn: React Flow renders an edge only when both its nodes exist.
    for (const edge of workflow.edges.filter((e) => e.kind !== 'retry')) await expect(page.locator(`.react-flow__edge[data-id="${edge.id}"]`)).toHaveCount(1);
  }
});
