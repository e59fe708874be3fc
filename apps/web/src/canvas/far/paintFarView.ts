import { FAR_TOKENS, HANDLE_BORDER, arrowHead, fitText, onScreen, retryLoopBox, titleBox, type FarToken, type Viewport } from './farModel';
import { splitScene, type FarScene } from './farScene';

/** React Flow's default colours the editor keeps for arrows and edge labels (no marker colour is set). */
const MARKER_COLOUR = '#b1b1b7';
const LABEL_BACKGROUND = '#ffffff';
const LABEL_TEXT = '#222222';

/** A scene drawn whole once at a zoom: panning copies it instead of drawing every shape and title again. */
interface SceneImage {
  scene: FarScene;
  zoom: number;
  dpr: number;
  bounds: { x: number; y: number; width: number; height: number };
  canvas: HTMLCanvasElement;
}

/** The largest scene image kept (device pixels, 4 bytes each: 48 MB); beyond it every frame draws the view. */
export const MAX_IMAGE_PIXELS = 12_000_000;

export interface FarPainter {
  /**
   * Draws the scene under `viewport` on a `width` x `height` (CSS px) canvas; returns how many
   * cards were drawn. `moving`: cards being dragged, named by `movingKey` (stable for one drag).
   */
  paint(scene: FarScene, viewport: Viewport, width: number, height: number, moving?: { ids: ReadonlySet<string>; key: string }): number;
  clear(): void;
}

/**
 * Draws the far view on a 2D canvas. Shapes are batched by colour (one fill or stroke per
 * colour, not per card), edge paths are parsed once per geometry, and title fitting is
 * cached, so a frame while panning costs a few fills and the titles' text.
 */
export function createFarPainter(canvas: HTMLCanvasElement): FarPainter {
  const ctx = canvas.getContext('2d');
  const style = getComputedStyle(canvas);
  const colours = new Map<FarToken, string>(FAR_TOKENS.map((t) => [t, style.getPropertyValue(t).trim() || '#888']));
  const colour = (token: FarToken): string => colours.get(token) ?? '#888';
  const fontFamily = style.getPropertyValue('--font-sans').trim() || 'sans-serif';
  const titleFont = `600 13px ${fontFamily}`;
  const loopFont = `11px ${fontFamily}`;
  const labelFont = `10px ${fontFamily}`;
  const paths = new Map<string, Path2D>();
  const fitted = new Map<string, string>();
  const widths = new Map<string, number>();
  const textWidth = (font: string, text: string): number => {
    const key = `${font}\n${text}`;
    let w = widths.get(key);
    if (w === undefined && ctx) {
      ctx.font = font;
      w = ctx.measureText(text).width;
      widths.set(key, w);
    }
    return w ?? 0;
  };
  let dpr = 1;
  // The scene and zoom of the last frame: the same again means the view is panning.
  let lastScene: FarScene | undefined;
  let lastZoom = 0;
  let image: SceneImage | undefined;
  // The still part of the scene during one drag.
  let stillImage: { key: string; image: SceneImage } | undefined;

  const resize = (width: number, height: number): void => {
    dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
  };

  return {
    clear() {
      image = undefined;
      stillImage = undefined;
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    },
    paint(scene, viewport, width, height, moving) {
      if (!ctx) return 0;
      resize(width, height);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      // Dragging: what does not move is one image for the whole drag; the dragged cards and their edges are drawn over it.
      if (moving && moving.ids.size > 0) {
        const { still, moved } = splitScene(scene, moving.ids);
        const cached = stillImage?.key === moving.key ? stillImage.image : imageOf(still, viewport.zoom);
        stillImage = cached ? { key: moving.key, image: cached } : undefined;
        if (cached && cached.zoom === viewport.zoom) {
          blit(cached, viewport);
          return draw(ctx, moved, viewport, width, height) + still.cards.filter((c) => onScreen(c.rect, viewport, width, height)).length;
        }
      } else stillImage = undefined;
      // Panning (same scene, same zoom as the frame before): one copy of the whole scene, drawn once.
      const panning = scene === lastScene && viewport.zoom === lastZoom;
      lastScene = scene;
      lastZoom = viewport.zoom;
      if (panning) {
        const cached = sceneImage(scene, viewport.zoom);
        if (cached) {
          blit(cached, viewport);
          return scene.cards.filter((c) => onScreen(c.rect, viewport, width, height)).length;
        }
      }
      return draw(ctx, scene, viewport, width, height);
    },
  };

  /** Copies an image of a scene onto the canvas where the viewport puts it. */
  function blit(cached: SceneImage, viewport: Viewport): void {
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(cached.canvas, Math.round(dpr * (viewport.x + cached.bounds.x * viewport.zoom)), Math.round(dpr * (viewport.y + cached.bounds.y * viewport.zoom)));
  }

  /** The scene drawn whole at `zoom` on a canvas of its own, kept while the scene and zoom stay; none when too large. */
  function sceneImage(scene: FarScene, zoom: number): SceneImage | undefined {
    if (image && image.scene === scene && image.zoom === zoom && image.dpr === dpr) return image;
    image = imageOf(scene, zoom);
    return image;
  }

  /** Draws a scene whole at `zoom` on a canvas of its own; none when that would be too large. */
  function imageOf(scene: FarScene, zoom: number): SceneImage | undefined {
    const bounds = sceneBounds(scene);
    const w = Math.ceil(bounds.width * zoom * dpr);
    const h = Math.ceil(bounds.height * zoom * dpr);
    if (w * h > MAX_IMAGE_PIXELS || w === 0 || h === 0) return undefined;
    const target = document.createElement('canvas');
    target.width = w;
    target.height = h;
    const imageCtx = target.getContext('2d');
    if (!imageCtx) return undefined;
    draw(imageCtx, scene, { x: -bounds.x * zoom, y: -bounds.y * zoom, zoom }, bounds.width * zoom, bounds.height * zoom);
    return { scene, zoom, dpr, bounds, canvas: target };
  }

  /** Draws the scene under `viewport` on `target`, culling what is off a `width` x `height` screen. */
  function draw(target: CanvasRenderingContext2D, scene: FarScene, viewport: Viewport, width: number, height: number): number {
    target.setTransform(dpr * viewport.zoom, 0, 0, dpr * viewport.zoom, dpr * viewport.x, dpr * viewport.y);
    const visible = <T extends { x: number; y: number; width: number; height: number }>(r: T): boolean => onScreen(r, viewport, width, height);

    // Edges under cards, as in React Flow's layers; one stroke style at a time.
    const edges = scene.edges.filter((e) => visible(e.bounds));
    const byStroke = new Map<string, typeof edges>();
    for (const e of edges) {
      const key = `${e.stroke.colour}|${e.stroke.width}|${e.stroke.dash.join(',')}`;
      const list = byStroke.get(key);
      if (list) list.push(e);
      else byStroke.set(key, [e]);
    }
    const live = new Set<string>();
    for (const list of byStroke.values()) {
      const { stroke } = list[0]!;
      target.strokeStyle = colour(stroke.colour);
      target.lineWidth = stroke.width;
      target.setLineDash(stroke.dash as number[]);
      for (const e of list) {
        let path = paths.get(e.geometry.path);
        if (!path) {
          path = new Path2D(e.geometry.path);
          paths.set(e.geometry.path, path);
        }
        live.add(e.geometry.path);
        target.stroke(path);
      }
    }
    target.setLineDash([]);
    const arrows = new Path2D();
    for (const e of edges) {
      const [tip, left, right] = arrowHead(e.target, e.stroke.width);
      arrows.moveTo(tip.x, tip.y);
      arrows.lineTo(left.x, left.y);
      arrows.lineTo(right.x, right.y);
      arrows.closePath();
    }
    target.fillStyle = MARKER_COLOUR;
    target.fill(arrows);
    // Drop paths of geometries no longer drawn (a dragged node leaves one per frame behind).
    if (paths.size > 2 * live.size + 64) for (const key of paths.keys()) if (!live.has(key)) paths.delete(key);

    // Edge labels: React Flow's white box (padding 2/4, radius 2) with 10 px text.
    target.font = labelFont;
    target.textAlign = 'center';
    target.textBaseline = 'middle';
    for (const e of edges) {
      if (e.label === undefined) continue;
      const w = textWidth(labelFont, e.label);
      target.fillStyle = LABEL_BACKGROUND;
      target.fillRect(e.geometry.labelX - w / 2 - 2, e.geometry.labelY - 6 - 4, w + 4, 12 + 8);
      target.fillStyle = e.labelColour ? colour(e.labelColour) : LABEL_TEXT;
      target.fillText(e.label, e.geometry.labelX, e.geometry.labelY);
    }

    // Cards: one path per fill and per border colour.
    const cards = scene.cards.filter((c) => visible(c.rect));
    const fills = new Map<FarToken, Path2D>();
    const borders = new Map<FarToken, Path2D>();
    const rings = new Path2D();
    const loops = new Path2D();
    const add = (map: Map<FarToken, Path2D>, token: FarToken): Path2D => {
      let p = map.get(token);
      if (!p) map.set(token, (p = new Path2D()));
      return p;
    };
    target.font = loopFont;
    for (const c of cards) {
      const { x, y, width: w, height: h } = c.rect;
      add(fills, c.look.fill).roundRect(x, y, w, h, 6);
      add(borders, c.look.border).roundRect(x + 0.5, y + 0.5, w - 1, h - 1, 5.5);
      if (c.look.ring) rings.roundRect(x - 1, y - 1, w + 2, h + 2, 7);
      if (c.retry !== undefined) {
        const box = retryLoopBox(c.rect, textWidth(loopFont, c.retry));
        loops.roundRect(box.x, box.y, box.width, box.height + 1, [10, 10, 0, 0]);
      }
    }
    // Retry loops first: the card covers the loop's open bottom edge.
    target.fillStyle = colour('--c-retry-bg');
    target.fill(loops);
    target.strokeStyle = colour('--c-retry');
    target.lineWidth = 1.5;
    target.stroke(loops);
    for (const [token, path] of fills) {
      target.fillStyle = colour(token);
      target.fill(path);
    }
    target.lineWidth = 1;
    for (const [token, path] of borders) {
      target.strokeStyle = colour(token);
      target.stroke(path);
    }
    target.strokeStyle = colour('--c-selected');
    target.lineWidth = 2;
    target.stroke(rings);

    // Handle dots over the cards' edges, one fill and one border per look.
    const dots = new Map<string, { look: FarScene['cards'][number]['handles'][number]['look']; path: Path2D }>();
    for (const c of cards) {
      for (const h of c.handles) {
        const key = `${h.look.fill}|${h.look.border}|${h.look.alpha}`;
        let dot = dots.get(key);
        if (!dot) dots.set(key, (dot = { look: h.look, path: new Path2D() }));
        dot.path.moveTo(h.x + h.radius - 0.5, h.y);
        dot.path.arc(h.x, h.y, h.radius - 0.5, 0, 2 * Math.PI);
      }
    }
    target.lineWidth = 1;
    for (const { look, path } of dots.values()) {
      target.globalAlpha = look.alpha;
      target.fillStyle = colour(look.fill);
      target.fill(path);
      target.strokeStyle = look.border === HANDLE_BORDER ? HANDLE_BORDER : colour(look.border);
      target.stroke(path);
    }
    target.globalAlpha = 1;

    // Text last: branch output names, loop labels, then icons and titles.
    target.font = labelFont;
    target.textAlign = 'left';
    target.fillStyle = colour('--c-text-muted');
    for (const c of cards) for (const h of c.handles) if (h.look.label !== undefined) target.fillText(h.look.label, h.x - h.radius + 12, h.y - h.radius - 1);
    target.font = loopFont;
    target.textAlign = 'center';
    target.fillStyle = colour('--c-retry');
    for (const c of cards) {
      if (c.retry === undefined) continue;
      const box = retryLoopBox(c.rect, textWidth(loopFont, c.retry));
      target.fillText(c.retry, box.x + box.width / 2, box.y + box.height / 2 + 1);
    }
    target.font = titleFont;
    target.fillStyle = colour('--c-text');
    for (const c of cards) {
      const box = titleBox(c.rect);
      target.fillText(c.icon, box.iconX, box.y);
    }
    target.textAlign = 'left';
    for (const c of cards) {
      const box = titleBox(c.rect);
      const key = `${box.maxWidth}\n${c.title}`;
      let text = fitted.get(key);
      if (text === undefined) {
        text = fitText(c.title, box.maxWidth, (s) => textWidth(titleFont, s));
        fitted.set(key, text);
      }
      target.fillText(text, box.textX, box.y);
    }
    return cards.length;
  }
}

/**
 * The flow rectangle every card and edge of a scene lies in, with room for what sticks out of a
 * card (retry loops above it, selection rings, handle dots, edge labels).
 */
export function sceneBounds(scene: FarScene): { x: number; y: number; width: number; height: number } {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const take = (r: { x: number; y: number; width: number; height: number }): void => {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  };
  for (const c of scene.cards) take(c.rect);
  for (const e of scene.edges) take(e.bounds);
  if (left === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  const margin = 32;
  return { x: left - margin, y: top - margin, width: right - left + 2 * margin, height: bottom - top + 2 * margin };
}
