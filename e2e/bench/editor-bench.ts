/**
 * Editor benchmark (not a test): a generated 500-node / 700-edge workflow opened in the editor.
 * Prints the time to first render (navigation start to every node card visible) and the frame
 * times while panning the canvas and dragging a node: at the display's 60 Hz, then again in a
 * browser without the frame-rate limit, where a frame's time is not rounded up to 16.7 ms.
 * Run from e2e/: `pnpm bench`.
 */
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { signIn, startServer } from '../tests/fixtures.js';
import type { RunningServer } from '../tests/fixtures.js';

const NODES = 500;
const EDGES = 700;
const COLUMNS = 20;

interface Edge {
  id: string;
  kind: 'next' | 'retry' | 'fallback' | 'compensate';
  source: string;
  target: string;
  [key: string]: unknown;
}

/** A valid workflow: a trigger, 399 calls in rows of 20 (each row also fed from the one above), 50 fallbacks, 50 undo nodes, 100 retries. */
export function generateWorkflow(): { schemaVersion: 1; name: string; nodes: unknown[]; edges: Edge[] } {
  const main = 400;
  const fallbacks = 50;
  const id = (i: number): string => (i === 0 ? 'start' : `n${i}`);
  const position = (i: number): { x: number; y: number } => ({ x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 180 });
  const nodes: unknown[] = [{ id: 'start', type: 'trigger.webhook', position: position(0), params: { path: 'bench', method: 'POST' } }];
  for (let i = 1; i < NODES; i++) {
    nodes.push({ id: id(i), type: 'http.request', name: `Call ${i}`, integration: `svc${i % 7}`, position: position(i), params: { method: 'POST', url: `{{ $integration.baseUrl & '/items/${i}' }}`, body: { n: i } }, ...(i % 5 === 0 ? { policy: { timeoutMs: 2000 } } : {}) });
  }
  const edges: Edge[] = [];
  const add = (kind: Edge['kind'], source: number, target: number, extra: Record<string, unknown> = {}): void => {
    edges.push({ id: `${kind[0]}${edges.length}`, kind, source: id(source), target: id(target), ...extra });
  };
  for (let i = 1; i < main; i++) add('next', i % COLUMNS === 0 ? i - COLUMNS : i - 1, i);
  for (let k = 0; k < fallbacks; k++) add('fallback', 1 + k, main + k, { on: ['timeout', 'server'], order: 1 });
  for (let k = 0; k < NODES - main - fallbacks; k++) add('compensate', 51 + k, main + fallbacks + k);
  for (let i = 101; i <= 200; i++) add('retry', i, i, { retry: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 200 } });
  // Joins: each node also fed from the node one row above, until 700 edges.
  for (let i = COLUMNS + 1; edges.length < EDGES; i++) if (i % COLUMNS !== 0) add('next', i - COLUMNS, i);
  return { schemaVersion: 1, name: 'Bench 500/700', nodes, edges };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarise(label: string, deltas: number[]): void {
  const sorted = [...deltas].sort((a, b) => a - b);
  console.log(`${label.padEnd(16)} frames ${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`);
}

/** Collects requestAnimationFrame deltas in the page while `action` runs. */
async function frameTimes(page: Page, action: () => Promise<void>): Promise<number[]> {
  return (await watchedFrames(page, null, action)).deltas;
}

/**
 * rAF deltas while `action` runs, and the intervals between the frames in which the inline
 * transform of the element `watch` selects had changed: uncapped, most frames have nothing new
 * to show (the next mouse move has not arrived), so the time a frame that moves something takes
 * is the interval between two such frames.
 */
async function watchedFrames(page: Page, watch: string | null, action: () => Promise<void>): Promise<{ deltas: number[]; changed: number[] }> {
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  await page.evaluate(`(() => {
    const watch = ${JSON.stringify(watch)};
    const element = watch === null ? null : document.querySelector(watch);
    window.__frames = [];
    window.__changes = [];
    window.__recording = true;
    let last = performance.now();
    let shown = element?.style.transform;
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (element !== null && element.style.transform !== shown) {
        shown = element.style.transform;
        window.__changes.push(now);
      }
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __changes: number[]; __recording: boolean };
    w.__recording = false;
    return { deltas: w.__frames.slice(1), changed: w.__changes.slice(1).map((t, i) => t - (w.__changes[i] as number)) };
  });
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** Where the main thread's time went during `action` (Chrome's Performance domain), in ms. */
async function mainThread(cdp: Cdp, action: () => Promise<void>): Promise<{ text: string; busy: number }> {
  const read = async (): Promise<Map<string, number>> => new Map(((await cdp.send('Performance.getMetrics')).metrics as Array<{ name: string; value: number }>).map((m) => [m.name, m.value]));
  const before = await read();
  await action();
  const after = await read();
  const d = (name: string): number => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  const other = d('TaskDuration') - d('ScriptDuration') - d('LayoutDuration') - d('RecalcStyleDuration');
  return { busy: d('TaskDuration'), text: `main thread busy ${d('TaskDuration').toFixed(0)} ms: script ${d('ScriptDuration').toFixed(0)}, style ${d('RecalcStyleDuration').toFixed(0)}, layout ${d('LayoutDuration').toFixed(0)}, paint and other ${other.toFixed(0)}` };
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number }

/** The main thread's tasks over 30 ms in a trace, in order, each with the events that took most of it. */
function longTasks(events: TraceEvent[]): string {
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 30_000);
  const start = Math.min(...events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 1000).map((e) => e.ts));
  const inner = ['FunctionCall', 'LocalFrameView::NotifyResizeObservers', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'MinorGC', 'MajorGC', 'ParseHTML', 'EvaluateScript', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'];
  return tasks
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const byName = new Map<string, number>();
      for (const e of events) if (e.ph === 'X' && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < end && inner.includes(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, ms]) => `${n.replace('LocalFrameView::', '')} ${ms.toFixed(0)}`);
      return `    ${((task.ts - start) / 1000).toFixed(0).padStart(5)} ms: ${((task.dur ?? 0) / 1000).toFixed(0)} ms (${top.join(', ')})`;
    })
    .join('\n');
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

/** Stops the CPU profiler and sums self time by function: the 25 costliest, in ms. */
async function profileSummary(cdp: Cdp): Promise<string> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}` : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  // Inclusive time: each sample counts once for every function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const keys = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.url) keys.add(`${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`);
    }
    for (const k of keys) total.set(k, (total.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const list = (m: Map<string, number>): string =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 25))
      .map(([k, ms]) => `    ${ms.toFixed(0).padStart(5)} ms  ${k}`)
      .join('\n');
  return `  CPU profile of the traced opening, self time:\n${list(self)}\n  inclusive time:\n${list(total)}`;
}

/** Moves the mouse in small steps for `ms` milliseconds, back and forth. */
async function wiggle(page: Page, from: { x: number; y: number }, ms: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < ms) {
    const t = i++ / 30;
    await page.mouse.move(from.x + Math.sin(t) * 200, from.y + Math.sin(t * 0.7) * 120);
  }
  await page.mouse.up();
  return i;
}

/** A pan or a drag: every rAF delta, the intervals between frames that moved something, the mouse moves sent. */
interface Moved {
  deltas: number[];
  changed: number[];
  moves: number;
}

/**
 * The same path as `wiggle`, one step per frame, sent by the page itself (mouse and pointer
 * events, which React Flow's d3 handlers take as they take real ones): every frame then has a
 * move to show, however fast frames come. Driven from here, each move waits for the browser's
 * acknowledgement, ~30 – 50 ms: uncapped, most frames would have nothing to show, and the
 * measure would be the round trip, not the frame.
 */
async function wiggleInPage(page: Page, from: { x: number; y: number }, ms: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const from = ${JSON.stringify(from)};
    const target = document.elementFromPoint(from.x, from.y);
    const send = (type, x, y, buttons) => {
      const init = { bubbles: true, cancelable: true, composed: true, view: window, clientX: x, clientY: y, screenX: x, screenY: y, button: 0, buttons };
      const pointer = type.replace('mouse', 'pointer');
      target.dispatchEvent(new PointerEvent(pointer, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
      target.dispatchEvent(new MouseEvent(type, init));
    };
    send('mousedown', from.x, from.y, 1);
    const start = performance.now();
    let i = 0;
    let x = from.x;
    let y = from.y;
    const step = (now) => {
      if (now - start >= ${ms}) {
        send('mouseup', x, y, 0);
        resolve(i);
        return;
      }
      const t = i++ / 30;
      x = from.x + Math.sin(t) * 200;
      y = from.y + Math.sin(t * 0.7) * 120;
      send('mousemove', x, y, 1);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`);
}

/**
 * Fits the view, records an idle second, then pans the zoomed-in pane and drags the card nearest
 * the middle, 3 s each: their rAF deltas and the main thread's split. `suffix` labels the lines.
 */
async function panAndDrag(page: Page, context: BrowserContext, suffix: string, move: typeof wiggle = wiggle): Promise<{ idle: number[]; pan: Moved; drag: Moved }> {
  await page.getByTestId('btn-fit').click();
  await page.waitForTimeout(300); // the fit view animates for 200 ms
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const idle = await frameTimes(page, () => page.waitForTimeout(1_000));
  summarise(`idle${suffix}`, idle);

  // Pan: drag the empty pane (zoomed in, so that panning moves cards across the screen).
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  const pane = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height - 40 };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const viewport = (): Promise<string> => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const zoomedIn = await viewport();
  let panSplit = { text: '', busy: 0 };
  let panMoves = 0;
  const panFrames = await watchedFrames(page, '.react-flow__viewport', async () => {
    panSplit = await mainThread(cdp, async () => void (panMoves = await move(page, pane, 3_000)));
  });
  const pan = { ...panFrames, moves: panMoves };
  summarise(`pan${suffix}`, pan.deltas);
  console.log(`  ${panSplit.text}; ${pan.changed.length + 1} frames moved the view, for ${pan.moves} mouse moves (${(panSplit.busy / Math.max(1, pan.moves)).toFixed(0)} ms of main thread a move)`);
  if ((await viewport()) === zoomedIn) throw new Error('the pane did not pan');
  // BENCH_SCREENSHOT=file.png: what the canvas looked like after panning, to check the drawing.
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
  console.log(`  viewport while panning: ${zoomedIn}`);

  // Drag the card nearest the middle of the canvas around for 3 s.
  const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const target = await page.evaluate(
    `(() => {
      let best = null;
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.x + r.width / 2 - ${middle.x}, r.y + r.height / 2 - ${middle.y});
        if (!best || d < best.d) best = { id: el.getAttribute('data-id'), x: r.x + r.width / 2, y: r.y + r.height / 2, d };
      }
      return best;
    })()`,
  ) as { id: string; x: number; y: number };
  const where = (): Promise<string> => page.locator(`.react-flow__node[data-id="${target.id}"]`).evaluate((el) => getComputedStyle(el).transform);
  const before = await where();
  let dragSplit = { text: '', busy: 0 };
  let dragMoves = 0;
  const dragFrames = await watchedFrames(page, `.react-flow__node[data-id="${target.id}"]`, async () => {
    dragSplit = await mainThread(cdp, async () => void (dragMoves = await move(page, target, 3_000)));
  });
  const drag = { ...dragFrames, moves: dragMoves };
  summarise(`drag node${suffix}`, drag.deltas);
  console.log(`  ${dragSplit.text}; ${drag.changed.length + 1} frames moved the card, for ${drag.moves} mouse moves (${(dragSplit.busy / Math.max(1, drag.moves)).toFixed(0)} ms of main thread a move)`);
  if ((await where()) === before) throw new Error(`node ${target.id} did not move`);
  return { idle, pan, drag };
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * Frames as fast as they can be made, not at the display's 60 Hz. The first two alone do not
 * uncap headless Chromium 156: an idle page's rAF deltas go from 16.7 to ~17.5 ms, as the display
 * compositor still waits for each frame's deadline. With the third it draws as soon as a frame is
 * ready (idle deltas ~0.5 ms); that also stops it from rastering one frame while the main thread
 * makes the next, so a frame's time here includes its raster: if anything, longer than pipelined.
 */
const UNCAPPED_FLAGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--run-all-compositor-stages-before-draw'];

function launch(extra: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...FLAGS, ...extra] });
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launch();
  try {
    const workflow = generateWorkflow();
    const created = await server.api<{ id: string }>('POST', '/api/workflows', workflow);
    if (created.status !== 201) throw new Error(`the generated workflow was refused: ${JSON.stringify(created.body).slice(0, 2000)}`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context, server);
    const page = await context.newPage();

    const runs: number[] = [];
    const farDrawn: number[] = [];
    const phases: string[] = [];
    for (let run = 0; run < 3; run++) {
      // From a blank page: going to the same URL again would be a same-document hash navigation,
      // which loads nothing and would time nothing but the wait itself.
      await page.goto('about:blank');
      await page.goto(`${server.url}/#/workflows/${created.body.id}`, { waitUntil: 'commit' });
      // Polled in the page at every frame: when every card is mounted and shown (React Flow hides
      // a node until it knows its size), and when the far view's canvas had drawn them all (-1: a
      // build without the far view). One poll for both, so neither waits on the other's round trip.
      const times = await page.waitForFunction(
        (count) => {
          const w = window as unknown as { __firstRender?: number; __farDrawn?: number };
          const nodes = document.querySelectorAll('.react-flow__node');
          if (w.__firstRender === undefined && nodes.length >= count && Array.from(nodes).every((n) => (n as HTMLElement).style.visibility !== 'hidden')) w.__firstRender = performance.now();
          const far = document.querySelector<HTMLElement>('[data-testid="far-view"]');
          if (w.__farDrawn === undefined && far !== null && far.dataset.cards === String(count)) w.__farDrawn = performance.now();
          else if (w.__farDrawn === undefined && far === null && w.__firstRender !== undefined) w.__farDrawn = -1;
          return w.__firstRender !== undefined && w.__farDrawn !== undefined ? [w.__firstRender, w.__farDrawn] : false;
        },
        NODES,
        { polling: 'raf', timeout: 60_000 },
      );
      const [firstRender, drawn] = (await times.jsonValue()) as [number, number];
      runs.push(firstRender);
      farDrawn.push(drawn);
      // Where the load's time went: the bundle, the workflow's fetch, then the editor's own work.
      phases.push(await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const js = res.filter((r) => r.name.endsWith('.js')).reduce((m, r) => Math.max(m, r.responseEnd), 0);
        const api = res.find((r) => r.name.includes('/api/workflows/'));
        const f = (n) => n.toFixed(0) + ' ms';
        return 'scripts loaded ' + f(js) + ', DOMContentLoaded ' + f(nav.domContentLoadedEventEnd) + ', workflow fetched ' + (api ? f(api.responseEnd) : '?');
      })()`));
      await page.evaluate(() => localStorage.clear());
    }
    // Openings from the workflow list inside the app (the bundle already loaded): the editor's own work.
    const inApp: number[] = [];
    for (let run = 0; run < 2; run++) {
      await page.goto(`${server.url}/#/workflows`);
      await page.getByTestId(`open-${created.body.id}`).waitFor();
      const clicked = await page.evaluate(() => performance.now());
      await page.getByTestId(`open-${created.body.id}`).click();
      const shown = await page.waitForFunction(
        (count) => document.querySelectorAll('.react-flow__node').length >= count && Array.from(document.querySelectorAll('.react-flow__node')).every((n) => (n as HTMLElement).style.visibility !== 'hidden') && performance.now(),
        NODES,
        { polling: 'raf', timeout: 60_000 },
      );
      inApp.push(((await shown.jsonValue()) as number) - clicked);
      await page.evaluate(() => localStorage.clear());
    }
    // One more opening, traced (not counted: tracing slows it), from the workflow list inside the
    // app, so the trace holds the editor's own work: where the main thread's time goes.
    await page.goto(`${server.url}/#/workflows`);
    await page.getByTestId(`open-${created.body.id}`).waitFor();
    // BENCH_PROFILE=1: also a CPU profile of this opening, summed by function (build the web app
    // with `vite build --minify false` first, or the names are minified).
    const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
    await page.getByTestId(`open-${created.body.id}`).click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('.react-flow__node').length >= count && Array.from(document.querySelectorAll('.react-flow__node')).every((n) => (n as HTMLElement).style.visibility !== 'hidden'),
      NODES,
      { polling: 'raf', timeout: 60_000 },
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    if (profiler) console.log(await profileSummary(profiler));
    await page.evaluate(() => localStorage.clear());
    const spent = new Map<string, number>();
    for (const e of trace.traceEvents) if (e.ph === 'X' && e.dur) spent.set(e.name, (spent.get(e.name) ?? 0) + e.dur / 1000);
    const traced = ['FunctionCall', 'LocalFrameView::NotifyResizeObservers', 'EvaluateScript', 'UpdateLayoutTree', 'Layout', 'Paint', 'MinorGC', 'MajorGC'];
    const loadTrace = traced.map((name) => `${name.replace('LocalFrameView::', '')} ${(spent.get(name) ?? 0).toFixed(0)}`).join(', ');

    const edgesDrawn = await page.locator('.react-flow__edge').count();
    const edgesOnCanvas = await page.locator('[data-testid="far-view"]').evaluate((el) => (el as HTMLElement).dataset.edges ?? '0').catch(() => 'no');
    console.log(`workflow: ${workflow.nodes.length} nodes, ${workflow.edges.length} edges (${edgesDrawn} SVG edges, ${edgesOnCanvas} on the far view's canvas; retries are loops on cards)`);
    console.log(`first render (navigation start to ${NODES} cards visible): ${runs.map((r) => `${r.toFixed(0)} ms`).join(', ')}`);
    console.log(`  far view drawn (every card on its canvas): ${farDrawn.map((r) => `${r.toFixed(0)} ms`).join(', ')}`);
    console.log(`  each load (the first with empty caches, then reloads): ${phases.join('; ')}; then parse, render and measure the cards`);
    console.log(`  opening from the workflow list (click to ${NODES} cards visible): ${inApp.map((r) => `${r.toFixed(0)} ms`).join(', ')}`);
    console.log(`  traced opening from the list, main thread ms by event (nested events overlap): ${loadTrace}`);
    console.log(`  its long tasks (start ms after the click: duration, main events inside):\n${longTasks(trace.traceEvents)}`);

    // BENCH_CSS: extra CSS for an experiment (e.g. what painting costs), not part of the figures.
    if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS });
    // BENCH_MOVE=page: the capped pan and drag also sent by the page, one move a frame (a diagnostic).
    await panAndDrag(page, context, '', process.env.BENCH_MOVE === 'page' ? wiggleInPage : wiggle);
    const viewport = (): Promise<string> => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);

    // Crossing 30 % zoom switches between the far view (canvas) and the DOM cards and SVG edges:
    // the longest frame of one zoom step in, then one out (a diagnostic, not a target).
    for (const [label, button] of [
      ['zoom in past 30%', '.react-flow__controls-zoomin'],
      ['zoom out past 30%', '.react-flow__controls-zoomout'],
      // Again: the cards' detail is built, React Flow gets the edges back (it has none while far).
      ['zoom in again', '.react-flow__controls-zoomin'],
      ['zoom out again', '.react-flow__controls-zoomout'],
    ] as const) {
      const frames = await frameTimes(page, async () => {
        await page.locator(button).click();
        await page.waitForTimeout(700);
      });
      console.log(`${label.padEnd(18)} longest frame ${Math.max(...frames).toFixed(0)} ms, zoom now ${(await viewport()).replace(/matrix\(([^,]+),.*/, '$1')}`);
    }
    await context.close();
    await browser.close();
    await uncapped(server, created.body.id);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * The same pan and drag in a browser whose frames are not held to the display's 60 Hz: there a
 * rAF delta is how long a frame takes, where the capped figures above cannot go below 16.7 ms.
 */
async function uncapped(server: RunningServer, workflowId: string): Promise<void> {
  const browser = await launch(UNCAPPED_FLAGS);
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/workflows/${workflowId}`);
    await page.waitForFunction(
      (count) => document.querySelectorAll('.react-flow__node').length >= count && Array.from(document.querySelectorAll('.react-flow__node')).every((n) => (n as HTMLElement).style.visibility !== 'hidden'),
      NODES,
      { polling: 'raf', timeout: 60_000 },
    );
    await page.waitForTimeout(1_000); // the validation after the first render
    const { idle, pan, drag } = await panAndDrag(page, context, ', uncapped', wiggleInPage);
    const p50 = (deltas: number[]): number => percentile([...deltas].sort((a, b) => a - b), 50);
    // An idle page draws nothing: its frames take far less than 16.7 ms once uncapped.
    if (p50(idle) > 12) console.log(`  (!) idle frames are not uncapped (p50 ${p50(idle).toFixed(1)} ms): Chromium ignored ${UNCAPPED_FLAGS.join(' ')}`);
    const figures = (deltas: number[]): string => {
      const sorted = [...deltas].sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
    };
    console.log(`frame time, uncapped (between frames that moved something): pan ${figures(pan.changed)}; drag ${figures(drag.changed)} (idle rAF deltas ${figures(idle)})`);
    await context.close();
  } finally {
    await browser.close();
  }
}

await main();
