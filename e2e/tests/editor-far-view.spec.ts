import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signIn, serverForFile } from './fixtures.js';
import { EditorDriver } from './support/editor-driver.js';

// Below 30 % zoom the editor draws cards and edges on one canvas (the far view) and hides the DOM
// cards' content and the SVG edges; the cards' boxes stay, so a person still selects and drags them.

const env = serverForFile();
const saga = JSON.parse(readFileSync(new URL('../../examples/order-saga.json', import.meta.url).pathname, 'utf8')) as unknown;

test.beforeEach(async ({ context }) => {
  await signIn(context, env.server);
});

/** Zooms out with the controls until the view is below 30 %. */
async function zoomOutToFar(page: Page, editor: EditorDriver): Promise<number> {
  for (let i = 0; i < 12 && (await editor.viewport()).zoom >= 0.3; i++) {
    await page.locator('.react-flow__controls-zoomout').click();
    await editor.settle();
  }
  const { zoom } = await editor.viewport();
  expect(zoom).toBeLessThan(0.3);
  return zoom;
}

/** The far view's pixels: how many are painted, inside and outside the given screen boxes (cards). */
async function farPixels(page: Page, at: Array<{ x: number; y: number }> = []): Promise<{ painted: number; outsideCards: number; alphaAt: number[] }> {
  return page.getByTestId('far-view').evaluate((el, points) => {
    const canvas = el as HTMLCanvasElement;
    const bounds = canvas.getBoundingClientRect();
    const scale = canvas.width / bounds.width;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const cards = Array.from(document.querySelectorAll('.react-flow__node')).map((n) => n.getBoundingClientRect());
    let painted = 0;
    let outsideCards = 0;
    for (let y = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++) {
        if (data[(y * canvas.width + x) * 4 + 3] === 0) continue;
        painted++;
        const sx = bounds.x + x / scale;
        const sy = bounds.y + y / scale;
        // Outside every card and its retry loop (drawn up to 20 flow units above it).
        if (!cards.some((r) => sx >= r.left - 2 && sx <= r.right + 2 && sy >= r.top - 8 && sy <= r.bottom + 2)) outsideCards++;
      }
    }
    const alphaAt = points.map((p) => data[(Math.round((p.y - bounds.y) * scale) * canvas.width + Math.round((p.x - bounds.x) * scale)) * 4 + 3] ?? 0);
    return { painted, outsideCards, alphaAt };
  }, at);
}

test('zoomed out below 30 %, the canvas draws cards and edges, and a card can still be selected and dragged', async ({ page }) => {
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', saga);
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  const nearEdges = await page.locator('.react-flow__edge-path').count();
  expect(nearEdges).toBeGreaterThan(0);
  await expect(page.getByTestId('far-view')).toBeHidden();

  await zoomOutToFar(page, editor);
  await expect(editor.canvas).toHaveClass(/is-far/);
  const farView = page.getByTestId('far-view');
  await expect(farView).toBeVisible();
  await expect(farView).toHaveAttribute('data-cards', '8');
  // The DOM cards keep their boxes but paint nothing, nor do the SVG edges (built while the view was near).
  await expect(page.getByTestId('node-card-charge')).toHaveCSS('visibility', 'hidden');
  expect((await editor.node('charge').boundingBox())?.width).toBeGreaterThan(0);
  await expect(page.locator('.react-flow__edges')).toHaveCSS('visibility', 'hidden');
  // The canvas is drawn: cards, and edges between them (pixels outside every card).
  const drawn = await farPixels(page);
  expect(drawn.painted).toBeGreaterThan(500);
  expect(drawn.outsideCards).toBeGreaterThan(20);

  // Select a card by clicking its (invisible) box: the inspector shows it.
  await editor.node('ship').click();
  await expect(editor.inspector.getByTestId('field-id')).toHaveValue('ship');
  await expect(editor.node('ship')).toHaveClass(/selected/);

  // Drag it down by 60 px: the node moves in the graph and the canvas draws it at its new place.
  const before = await editor.positionOf('ship');
  const box = (await editor.node('ship').boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(from.x, from.y + i * 10);
  await page.mouse.up();
  const after = await editor.positionOf('ship');
  const { zoom } = await editor.viewport();
  expect(after.x).toBeCloseTo(before.x, 0);
  expect(after.y - before.y).toBeGreaterThan(40 / zoom);
  const moved = (await editor.node('ship').boundingBox())!;
  await expect.poll(async () => (await farPixels(page, [{ x: moved.x + moved.width / 2, y: moved.y + moved.height / 2 }])).alphaAt[0]).toBe(255);

  // Back above 30 %: the DOM cards and SVG edges are drawn again, the canvas is hidden.
  await editor.fitView();
  for (let i = 0; i < 12 && (await editor.viewport()).zoom < 0.3; i++) {
    await page.locator('.react-flow__controls-zoomin').click();
    await editor.settle();
  }
  await expect(editor.canvas).not.toHaveClass(/is-far/);
  await expect(farView).toBeHidden();
  await expect(page.getByTestId('node-card-charge')).toHaveCSS('visibility', 'visible');
  await expect(page.locator('.react-flow__edge-path')).toHaveCount(nearEdges);
});

/** A valid workflow of `count` nodes in rows of 20: a chain of calls, fallbacks from the first row, one retry. */
function largeWorkflow(count: number): { workflow: unknown; drawnEdges: number } {
  const id = (i: number): string => (i === 0 ? 'start' : `n${i}`);
  const nodes: unknown[] = [{ id: 'start', type: 'trigger.webhook', position: { x: 0, y: 0 }, params: { path: 'far', method: 'POST' } }];
  for (let i = 1; i < count; i++) {
    nodes.push({ id: id(i), type: 'http.request', name: `Call ${i}`, integration: 'svc', position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 180 }, params: { method: 'POST', url: "{{ $integration.baseUrl & '/items' }}" } });
  }
  const edges: unknown[] = [];
  for (let i = 1; i < count - 10; i++) edges.push({ id: `e${i}`, kind: 'next', source: id(i - 1), target: id(i) });
  for (let k = 0; k < 10; k++) edges.push({ id: `f${k}`, kind: 'fallback', source: id(1 + k), target: id(count - 10 + k), on: ['server'], order: 1 });
  edges.push({ id: 'r1', kind: 'retry', source: id(2), target: id(2), retry: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 200 } });
  // Retries are drawn on their card, not as edges.
  return { workflow: { schemaVersion: 1, name: 'Far view', nodes, edges }, drawnEdges: edges.length - 1 };
}

test('a large workflow opens in the far view without DOM handles or SVG edges, and zooming in builds them', async ({ page }) => {
  const { workflow, drawnEdges } = largeWorkflow(120);
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', workflow);
  expect(created.status).toBe(201);
  const editor = await new EditorDriver(page).open(env.server.url, created.body.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(120);
  await editor.settle();
  expect((await editor.viewport()).zoom).toBeLessThan(0.3);
  await expect(editor.canvas).toHaveClass(/is-far/);
  const farView = page.getByTestId('far-view');
  await expect(farView).toHaveAttribute('data-cards', '120');
  await expect(farView).toHaveAttribute('data-edges', String(drawnEdges));
  await expect(page.locator('.react-flow__handle')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge-path')).toHaveCount(0);
  expect((await farPixels(page)).outsideCards).toBeGreaterThan(20);

  // A card is selected by a click in the far view.
  await editor.node('n21').click();
  await expect(editor.inspector.getByTestId('field-id')).toHaveValue('n21');

  for (let i = 0; i < 12 && (await editor.viewport()).zoom < 0.3; i++) {
    await page.locator('.react-flow__controls-zoomin').click();
    await editor.settle();
  }
  await expect(editor.canvas).not.toHaveClass(/is-far/);
  await expect(page.getByTestId('node-card-n21')).toHaveCSS('visibility', 'visible');
  await expect(editor.handle('n21', 'failure')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge-path')).toHaveCount(drawnEdges);
  await expect(editor.edges('fallback')).toHaveCount(10);
});
