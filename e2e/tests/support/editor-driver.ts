import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/**
 * Drives the workflow editor the way a user does: palette drag and drop, handle-to-handle drags,
 * inspector fields. Every wait is Playwright's auto-waiting or a bounded poll.
 */

export interface FlowPoint {
  x: number;
  y: number;
}

export type SourceHandle = 'out' | 'failure' | 'undo';

interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export class EditorDriver {
  constructor(readonly page: Page) {}

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  get inspector(): Locator {
    return this.page.getByTestId('inspector');
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  handle(nodeId: string, handleId: string): Locator {
    return this.page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`);
  }

  edges(kind?: 'next' | 'fallback' | 'compensate' | 'retry'): Locator {
    return this.page.locator(kind ? `.react-flow__edge.edge-${kind}` : '.react-flow__edge');
  }

  /** Opens a new, empty workflow from the list page's button. */
  async openNew(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/#/workflows`);
    await this.page.getByTestId('btn-create').click();
    await expect(this.page.getByTestId('empty-canvas')).toBeVisible();
    return this;
  }

  async open(baseUrl: string, workflowId: string): Promise<this> {
    await this.page.goto(`${baseUrl}/#/workflows/${workflowId}`);
    await expect(this.page.getByTestId('editor-page')).toBeVisible();
    return this;
  }

  /** The viewport's pan and zoom, read from React Flow's transform. */
  async viewport(): Promise<Viewport> {
    const transform = await this.page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
    const m = /matrix\(([^)]+)\)/.exec(transform);
    if (!m) return { x: 0, y: 0, zoom: 1 };
    const [a, , , , e, f] = m[1]!.split(',').map(Number);
    return { x: e!, y: f!, zoom: a! };
  }

  /** Waits until the viewport stops moving (a fit view animates for 200 ms). */
  async settle(): Promise<void> {
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await this.viewport());
          const same = now === last;
          last = now;
          return same;
        },
        { timeout: 30_000, intervals: [100] },
      )
      .toBe(true);
  }

  private async screenOf(point: FlowPoint): Promise<{ x: number; y: number; inside: boolean }> {
    const box = (await this.canvas.boundingBox())!;
    const v = await this.viewport();
    const x = box.x + v.x + point.x * v.zoom;
    const y = box.y + v.y + point.y * v.zoom;
    // The whole card (220 x ~120) must land on the canvas, clear of the legend and the minimap.
    const inside = x > box.x + 10 && y > box.y + 10 && x + 230 * v.zoom < box.x + box.width - 180 && y + 130 * v.zoom < box.y + box.height - 10;
    return { x, y, inside };
  }

  /** Fits the view, then zooms out until `point` (a card's top-left, in flow units) is on screen. */
  async reveal(point: FlowPoint): Promise<{ x: number; y: number }> {
    let screen = await this.screenOf(point);
    if (screen.inside) return screen;
    await this.fitView();
    for (let i = 0; i < 6; i++) {
      screen = await this.screenOf(point);
      if (screen.inside) return screen;
      await this.page.locator('.react-flow__controls-zoomout').click();
      await this.settle();
    }
    throw new Error(`(${point.x}, ${point.y}) stays off the canvas`);
  }

  async fitView(): Promise<void> {
    await this.page.getByTestId('btn-fit').click();
    await this.settle();
  }

  /** Flow position of a node's top-left corner. */
  async positionOf(id: string): Promise<FlowPoint> {
    const transform = await this.node(id).evaluate((el) => getComputedStyle(el).transform);
    const m = /matrix\(([^)]+)\)/.exec(transform);
    const [, , , , e, f] = m![1]!.split(',').map(Number);
    return { x: e!, y: f! };
  }

  /**
   * Drags a node type from the palette onto the canvas. `at` is the new card's top-left, either
   * in flow units or, for the first node, anywhere in the middle of the empty canvas.
   * Returns the node that was added (selected in the inspector).
   */
  async addFromPalette(type: string, at?: FlowPoint): Promise<NodeDriver> {
    const before = await this.page.locator('.react-flow__node').count();
    const box = (await this.canvas.boundingBox())!;
    const screen = at ? await this.reveal(at) : { x: box.x + box.width / 3, y: box.y + box.height / 3 };
    await this.page.getByTestId(`palette-${type}`).dragTo(this.canvas, { targetPosition: { x: screen.x - box.x, y: screen.y - box.y } });
    await expect(this.page.locator('.react-flow__node')).toHaveCount(before + 1);
    const id = await this.inspector.getByTestId('field-id').inputValue();
    await expect(this.node(id)).toBeVisible();
    await this.settle();
    return new NodeDriver(this, id);
  }

  nodeDriver(id: string): NodeDriver {
    return new NodeDriver(this, id);
  }

  /** Drags from one node's source handle to another's target handle with the mouse. */
  async connect(source: string, from: SourceHandle, target: string, to: 'in' | 'in-top' = from === 'out' ? 'in' : 'in-top'): Promise<void> {
    const before = await this.edges().count();
    const start = await centre(this.handle(source, from));
    const end = await centre(this.handle(target, to));
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 8 });
    await this.page.mouse.move(end.x, end.y, { steps: 8 });
    await this.page.mouse.up();
    await expect(this.edges()).toHaveCount(before + 1);
  }

  /** Clicks an empty spot of the canvas: nothing selected, the inspector shows the workflow. */
  async clickEmptyCanvas(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.locator('.react-flow__pane').click({ position: { x: box.width / 2, y: 12 } });
    await expect(this.inspector.getByTestId('field-workflow-name')).toBeVisible();
  }

  async nameWorkflow(name: string, description?: string): Promise<void> {
    await this.clickEmptyCanvas();
    await this.inspector.getByTestId('field-workflow-name').fill(name);
    if (description !== undefined) await this.inspector.getByTestId('field-workflow-description').fill(description);
  }

  /** Saves with the toolbar button; returns the workflow id from the address. */
  async save(): Promise<string> {
    await expect(this.page.getByTestId('problems-none')).toBeVisible();
    await this.page.getByTestId('btn-save').click();
    await expect(this.page.getByTestId('save-status')).toContainText('saved');
    await expect(this.page.getByTestId('save-status')).not.toContainText('unsaved');
    await expect(this.page).toHaveURL(/#\/workflows\/[^/]+$/);
    return /#\/workflows\/([^/]+)$/.exec(this.page.url())![1]!;
  }
}

/** One node on the canvas: select it, then edit it in the inspector. */
export class NodeDriver {
  constructor(
    readonly editor: EditorDriver,
    public id: string,
  ) {}

  private get page(): Page {
    return this.editor.page;
  }

  private get inspector(): Locator {
    return this.editor.inspector;
  }

  get card(): Locator {
    return this.editor.page.getByTestId(`node-card-${this.id}`);
  }

  /** Clicks the card's title; the inspector shows this node. */
  async select(): Promise<this> {
    await this.card.locator('.node-card__header').click();
    await expect(this.inspector.getByTestId('field-id')).toHaveValue(this.id);
    return this;
  }

  private async tab(tab: 'params' | 'failure' | 'notes'): Promise<void> {
    await this.inspector.getByTestId(`tab-${tab}`).click();
    await expect(this.inspector.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Sets the id (committed when the field loses focus) and the name. */
  async identify(id: string, name?: string): Promise<this> {
    await this.select();
    const field = this.inspector.getByTestId('field-id');
    await field.fill(id);
    await field.press('Tab');
    await expect(this.editor.node(id)).toBeVisible();
    this.id = id;
    await expect(this.inspector.getByTestId('field-id')).toHaveValue(id);
    if (name !== undefined) {
      await this.inspector.getByTestId('field-name').fill(name);
      await expect(this.card.locator('.node-card__title')).toHaveText(name);
    }
    return this;
  }

  async integration(id: string): Promise<this> {
    await this.select();
    await this.inspector.getByTestId('field-integration').fill(id);
    await expect(this.card.locator('.node-card__chip')).toHaveText(id);
    return this;
  }

  /**
   * Fills the Parameters tab: strings go into text fields (or choose an option of a select),
   * anything else is typed as JSON into its JSON field.
   */
  async params(values: Record<string, unknown>): Promise<this> {
    await this.select();
    await this.tab('params');
    for (const [name, value] of Object.entries(values)) {
      const field = this.inspector.getByTestId(`field-${name}`);
      const tag = await field.evaluate((el) => el.tagName.toLowerCase());
      if (tag === 'select') await field.selectOption(String(value));
      else await field.fill(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    }
    // Leave the last field so that it shows the stored value again.
    await this.inspector.getByTestId('tab-params').focus();
    return this;
  }

  async timeout(ms: number): Promise<this> {
    await this.select();
    await this.tab('failure');
    await this.inspector.getByTestId('field-timeoutMs').fill(String(ms));
    await expect(this.card.locator('.node-card__timeout')).toBeVisible();
    return this;
  }

  /** Turns the retry on in the On failure tab and sets its fields. */
  async retry(policy: { maxAttempts: number; backoff: 'fixed' | 'exponential'; initialDelayMs: number; multiplier?: number; maxDelayMs?: number; jitter: 'full' | 'equal' | 'none' }): Promise<this> {
    await this.select();
    await this.tab('failure');
    const field = (name: string): Locator => this.inspector.getByTestId(`field-retry-${name}`);
    await field('enabled').check();
    await expect(this.page.getByTestId(`retry-loop-${this.id}`)).toBeVisible();
    await field('maxAttempts').fill(String(policy.maxAttempts));
    await field('backoff').selectOption(policy.backoff);
    await field('initialDelayMs').fill(String(policy.initialDelayMs));
    if (policy.multiplier !== undefined) await field('multiplier').fill(String(policy.multiplier));
    if (policy.maxDelayMs !== undefined) await field('maxDelayMs').fill(String(policy.maxDelayMs));
    await field('jitter').selectOption(policy.jitter);
    await expect(this.inspector.getByTestId('retry-preview')).toBeVisible();
    return this;
  }

  /** Opens this node's fallback edge from the On failure tab and sets its categories and order. */
  async fallbackTo(target: string, options: { order: number; on: readonly string[] }): Promise<this> {
    await this.select();
    await this.tab('failure');
    await this.inspector.locator('.fallback-list button', { hasText: `→ ${target}` }).click();
    const form = this.inspector.getByTestId('edge-form');
    await expect(form).toContainText(`${this.id} → ${target}`);
    await form.getByTestId('field-order').fill(String(options.order));
    const boxes = form.locator('[data-testid^="field-on-"]');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const category = ((await box.getAttribute('data-testid')) ?? '').slice('field-on-'.length);
      await box.setChecked(options.on.includes(category));
    }
    return this;
  }
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
