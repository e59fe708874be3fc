import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { createIntegrations, createWorkflow, openRun, selectNode, startManualRun, waitForRunEnd } from './support/runs-helpers.js';
import type { WorkflowDoc } from './support/runs-helpers.js';

const env = serverForFile();

// Large runs open without freezing the page: a 5 MB response body and a 200-node run.

/** How long the page may take to answer a click once it shows the run. */
// How long the page may take to show a click's effect before the test counts it as stuck. This is
// a hang detector for busy shared machines, not a speed target: the editor benchmark
// (e2e/bench/editor-bench.ts) measures how fast the page answers.
const CLICK_BUDGET_MS = 30_000;
const MARKER = 'END-OF-THE-FIVE-MEGABYTE-BODY';
const artifacts = new URL('../artifacts/', import.meta.url).pathname;

test.beforeAll(() => {
  mkdirSync(artifacts, { recursive: true });
});
test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

/** Clicks and waits for the effect; the time it took is noted in the report, never asserted. */
async function clickResponds(action: () => Promise<void>, effect: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  await effect();
  const took = performance.now() - started;
  test.info().annotations.push({ type: 'click', description: `answered in ${Math.round(took)} ms` });
  return took;
}

test('a run with a 5 MB response body opens at once and loads the full body only when asked', async ({ page }) => {
  const ns = 'big';
  await createIntegrations(env.server, env.upstream, ns, ['store']);
  // About 5 MB of JSON; the marker is at its very end, far beyond the 64 KiB the run answer keeps.
  const items = Array.from({ length: 50_000 }, (_, i) => ({ i, text: `item ${i} `.padEnd(80, 'x') }));
  const body = { head: 'start', items, tail: MARKER };
  expect(JSON.stringify(body).length).toBeGreaterThan(5_000_000);
  env.upstream.script('GET', `/${ns}/store/export`, [{ json: body }]);
  const doc: WorkflowDoc = {
    schemaVersion: 1,
    name: 'Fetch a 5 MB export',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'fetch',
        type: 'http.request',
        integration: `${ns}_store`,
        params: { method: 'GET', url: "{{ $integration.baseUrl & '/export' }}", maxResponseBytes: 20 * 1024 * 1024 },
        policy: { timeoutMs: 20_000 },
      },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'fetch' }],
  };
  const runId = await startManualRun(env.server, await createWorkflow(env.server, doc));
  expect((await waitForRunEnd(env.server, runId)).status).toBe('succeeded');

  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await clickResponds(
    () => page.getByTestId('run-node-fetch').click(),
    () => expect(page.getByTestId('node-panel')).toBeVisible({ timeout: CLICK_BUDGET_MS }),
  );
  const attempt = page.getByTestId('attempt-fetch-1');
  await attempt.getByRole('button').first().click();
  const response = page.getByTestId('attempt-fetch-1-response');
  await expect(response).toContainText('cut at 64 KiB');
  // Neither the body's end nor anything near 5 MB is in the document.
  expect(await page.evaluate((marker) => document.documentElement.outerHTML.includes(marker), MARKER)).toBe(false);
  expect(await page.evaluate(() => document.documentElement.outerHTML.length)).toBeLessThan(1_000_000);

  // The attempt's stored body is the run history's first 1 MiB: loaded on demand, and said to be cut.
  await response.getByRole('button', { name: 'load full body' }).click();
  await expect(response.getByTestId('attempt-fetch-1-response-stored-cut')).toContainText("the node's output (below) holds the whole value", { timeout: 30_000 });
  await expect(response).not.toContainText('cut at 64 KiB');
  expect(await page.evaluate((marker) => document.documentElement.outerHTML.includes(marker), MARKER)).toBe(false);

  // The node's output holds all 5 MB: in the page only once asked, and still drawn lazily.
  const output = page.getByTestId('node-output');
  await expect(output).toContainText('cut at 64 KiB');
  await output.getByRole('button', { name: 'load full output' }).click();
  await expect(output).not.toContainText('cut at 64 KiB', { timeout: 30_000 });
  await output.getByRole('button', { name: /body:/ }).click();
  await expect(output).toContainText(`tail: "${MARKER}"`);
  await expect(output).toContainText('[ 50000 items ]');
  expect(await page.evaluate((marker) => document.documentElement.outerHTML.includes(marker), MARKER)).toBe(true);
  // The 50 000 items are one collapsed line until opened, then paged.
  expect(await page.evaluate(() => document.documentElement.outerHTML.length)).toBeLessThan(1_000_000);
  await clickResponds(
    () => output.getByRole('button', { name: /items:/ }).click(),
    () => expect(output.getByRole('button', { name: /show 100 more of 49,900/ })).toBeVisible({ timeout: CLICK_BUDGET_MS }),
  );
  await expect(output).toContainText('99:');
  await expect(output).not.toContainText('100:');
  await page.screenshot({ path: `${artifacts}runs-5mb-body.png` });
});

test('a run of 200 nodes opens without freezing and answers clicks', async ({ page }) => {
  const nodes: WorkflowDoc['nodes'] = [{ id: 'start', type: 'trigger.manual', params: {} }];
  const edges: WorkflowDoc['edges'] = [];
  for (let i = 1; i < 200; i++) {
    nodes.push({ id: `t${i}`, type: 'transform', params: { expression: `{{ ${i} * 2 }}` } });
    edges.push({ id: `e${i}`, kind: 'next', source: i === 1 ? 'start' : `t${i - 1}`, target: `t${i}` });
  }
  const doc: WorkflowDoc = { schemaVersion: 1, name: 'A chain of 200 nodes', nodes, edges };
  const runId = await startManualRun(env.server, await createWorkflow(env.server, doc));
  expect((await waitForRunEnd(env.server, runId)).status).toBe('succeeded');

  const opened = performance.now();
  await openRun(page, env.server, runId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-node-t1')).toHaveAttribute('data-status', 'succeeded');
  test.info().annotations.push({ type: 'open', description: `the run page showed the run in ${Math.round(performance.now() - opened)} ms` });

  // A card on the canvas answers a click.
  await clickResponds(
    () => selectNode(page, 't1'),
    async () => expect(page.getByTestId('node-panel').getByTestId('attempt-t1-1')).toHaveAttribute('data-outcome', 'succeeded'),
  );
  // A node far down the chain, picked from the timeline below, is selected and brought into view.
  await clickResponds(
    () => page.getByTestId('run-gantt').getByRole('button', { name: 't150', exact: true }).click(),
    () => expect(page.getByTestId('node-panel').locator('h3')).toHaveText('t150', { timeout: CLICK_BUDGET_MS }),
  );
  await expect(page.getByTestId('run-node-t150')).toBeInViewport();
  await expect(page.getByTestId('run-node-t150')).toHaveAttribute('data-status', 'succeeded');
  await page.screenshot({ path: `${artifacts}runs-200-nodes.png` });
  // The events list is paged: 100 rows, then the rest on demand.
  const events = page.getByTestId('run-events');
  await expect(events.locator('ol > li')).toHaveCount(100);
  await clickResponds(
    () => events.getByRole('button', { name: 'show 100 more of 100' }).click(),
    () => expect(events.locator('ol > li')).toHaveCount(200, { timeout: CLICK_BUDGET_MS }),
  );
});
