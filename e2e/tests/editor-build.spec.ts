import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';
import type { FlowPoint } from './support/editor-driver.js';

const env = serverForFile();

interface WorkflowJson {
  name: string;
  description?: string;
  nodes: Array<Record<string, unknown> & { id: string }>;
  edges: Array<Record<string, unknown> & { id: string; kind: string; source: string; target: string }>;
}

const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url), 'utf8')) as WorkflowJson;

/** What the comparison ignores: positions, edge ids, key order; a fallback's `on` is a set. */
function comparable(workflow: WorkflowJson): unknown {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]))
        : value;
  const nodes = workflow.nodes
    .map((node) => {
      const copy: Record<string, unknown> = { ...node };
      delete copy.position;
      return sortKeys(copy);
    })
    .sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
  const edges = workflow.edges
    .map((edge) => {
      const copy: Record<string, unknown> = { ...edge };
      delete copy.id;
      if (Array.isArray(copy.on)) copy.on = [...(copy.on as string[])].sort();
      return JSON.stringify(sortKeys(copy));
    })
    .sort();
  return { name: workflow.name, description: workflow.description, nodes, edges };
}

const sagaNode = (id: string): Record<string, unknown> => saga.nodes.find((n) => n.id === id)!;
const paramsOf = (id: string): Record<string, unknown> => sagaNode(id).params as Record<string, unknown>;

test('build the order saga from an empty canvas, save, reload, and run it', async ({ page, context }) => {
  test.setTimeout(240_000);
  await signIn(context, env.server);
  const editor = new EditorDriver(page);
  await editor.openNew(env.server.url);

  // The trigger first, anywhere; every other card is placed on a grid relative to it.
  const trigger = await editor.addFromPalette('trigger.webhook');
  await trigger.identify('order', 'New order');
  const origin = await editor.positionOf('order');
  const cell = (column: number, row: number): FlowPoint => ({ x: origin.x + column * 250, y: origin.y + row * 200 });
  await trigger.params({ path: 'orders', method: 'POST', mode: 'async', idempotency: { header: 'Idempotency-Key' } });

  const http = async (id: string, at: FlowPoint): Promise<void> => {
    const spec = sagaNode(id);
    const node = await editor.addFromPalette('http.request', at);
    await node.identify(id, spec.name as string);
    await node.integration(spec.integration as string);
    await node.params(paramsOf(id));
    const timeoutMs = (spec.policy as { timeoutMs?: number } | undefined)?.timeoutMs;
    if (timeoutMs !== undefined) await node.timeout(timeoutMs);
  };
  await http('reserve', cell(1, 0));
  await http('charge', cell(2, 0));
  await http('ship', cell(3, 0));
  await http('release', cell(1, 1));
  await http('charge_backup', cell(2, 1));
  await http('refund', cell(2, 2));
  await http('refund_backup', cell(3, 2));
  await expect(page.locator('.react-flow__node')).toHaveCount(8);

  // Wiring: main outputs, the failure handle, the undo handles.
  await editor.fitView();
  await editor.connect('order', 'out', 'reserve');
  await editor.connect('reserve', 'out', 'charge');
  await editor.connect('charge', 'out', 'ship');
  await editor.connect('charge', 'failure', 'charge_backup');
  await editor.connect('reserve', 'undo', 'release');
  await editor.connect('charge', 'undo', 'refund');
  await editor.connect('charge_backup', 'undo', 'refund_backup');
  await expect(editor.edges('next')).toHaveCount(3);
  await expect(editor.edges('fallback')).toHaveCount(1);
  await expect(editor.edges('compensate')).toHaveCount(3);

  const fallback = saga.edges.find((e) => e.kind === 'fallback')!;
  await editor.nodeDriver('charge').fallbackTo('charge_backup', { order: fallback.order as number, on: fallback.on as string[] });
  await expect(editor.edges('fallback')).toContainText('on: timeout, network, server, circuit_open #1');

  const retryOf = (id: string) => saga.edges.find((e) => e.kind === 'retry' && e.source === id)!.retry as Parameters<ReturnType<EditorDriver['nodeDriver']>['retry']>[0];
  await editor.nodeDriver('charge').retry(retryOf('charge'));
  await editor.nodeDriver('ship').retry(retryOf('ship'));
  await expect(page.getByTestId('retry-loop-charge')).toBeVisible();
  await expect(page.getByTestId('retry-loop-ship')).toBeVisible();

  await editor.nameWorkflow(saga.name, saga.description);
  await expect(page.getByTestId('problems-none')).toBeVisible();
  const id = await editor.save();

  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(page.getByTestId('save-status')).toContainText('saved');
  await expect(page.getByTestId('draft-banner')).toHaveCount(0);
  await editor.fitView();
  mkdirSync(new URL('../artifacts/', import.meta.url).pathname, { recursive: true });
  await page.screenshot({ path: new URL('../artifacts/editor-order-saga-built.png', import.meta.url).pathname });

  const stored = await env.server.api<WorkflowJson>('GET', `/api/workflows/${id}`);
  expect(stored.status).toBe(200);
  const authored: WorkflowJson = { name: stored.body.name, description: stored.body.description, nodes: stored.body.nodes, edges: stored.body.edges };
  expect(comparable(authored)).toEqual(comparable(saga));

  // Run it: integrations on a scripted upstream, activate in the UI, a real webhook call.
  for (const integration of ['inventory', 'payments', 'payments_backup', 'shipping']) {
    expect((await env.server.api('POST', '/api/integrations', { id: integration, name: integration, baseUrl: `${env.upstream.url}/${integration}` })).status).toBe(201);
  }
  env.upstream.script('POST', '/inventory/reservations', [{ status: 201, json: { id: 'res-1' } }]);
  env.upstream.script('POST', '/payments/charges', [{ status: 503 }, { status: 201, json: { id: 'ch-1' } }]);
  env.upstream.script('POST', '/shipping/shipments', [{ status: 201, json: { id: 'sh-1' } }]);

  await page.getByTestId('btn-activate').click();
  await expect(page.getByTestId('save-status')).toContainText('active');
  await expect(page.getByTestId('btn-activate')).toHaveText('Deactivate');

  const hook = await fetch(`${env.server.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'order-ui-1' },
    body: JSON.stringify({ orderId: 'o-1', sku: 'sku-1', qty: 1, amount: 990 }),
  });
  expect(hook.status).toBe(202);
  const { runId } = (await hook.json()) as { runId: string };

  await page.goto(`${env.server.url}/#/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
});
