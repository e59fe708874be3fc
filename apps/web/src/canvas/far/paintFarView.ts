import { FAR_TOKENS, HANDLE_BORDER, arrowHead, fitText, onScreen, retryLoopBox, titleBox, type FarToken, type Viewport } from './farModel';
import type { FarScene } from './farScene';

/** React Flow's default colours the editor keeps for arrows and edge labels (no marker colour is set). */
const MARKER_COLOUR = '#b1b1b7';
const LABEL_BACKGROUND = '#ffffff';
const LABEL_TEXT = '#222222';

export interface FarPainter {
  /** Draws the scene under `viewport` on a `width` x `height` (CSS px) canvas; returns how many cards were drawn. */
  paint(scene: FarScene, viewport: Viewport, width: number, height: number): number;
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
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    },
    paint(scene, viewport, width, height) {
      if (!ctx) return 0;
      resize(width, height);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * viewport.zoom, 0, 0, dpr * viewport.zoom, dpr * viewport.x, dpr * viewport.y);
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
        ctx.strokeStyle = colour(stroke.colour);
        ctx.lineWidth = stroke.width;
        ctx.setLineDash(stroke.dash as number[]);
        for (const e of list) {
          let path = paths.get(e.geometry.path);
          if (!path) {
            path = new Path2D(e.geometry.path);
            paths.set(e.geometry.path, path);
          }
          live.add(e.geometry.path);
          ctx.stroke(path);
        }
      }
      ctx.setLineDash([]);
      const arrows = new Path2D();
      for (const e of edges) {
        const [tip, left, right] = arrowHead(e.target, e.stroke.width);
        arrows.moveTo(tip.x, tip.y);
        arrows.lineTo(left.x, left.y);
        arrows.lineTo(right.x, right.y);
        arrows.closePath();
      }
      ctx.fillStyle = MARKER_COLOUR;
      ctx.fill(arrows);
      // Drop paths of geometries no longer drawn (a dragged node leaves one per frame behind).
      if (paths.size > 2 * live.size + 64) for (const key of paths.keys()) if (!live.has(key)) paths.delete(key);

      // Edge labels: React Flow's white box (padding 2/4, radius 2) with 10 px text.
      ctx.font = labelFont;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const e of edges) {
        if (e.label === undefined) continue;
        const w = textWidth(labelFont, e.label);
        ctx.fillStyle = LABEL_BACKGROUND;
        ctx.fillRect(e.geometry.labelX - w / 2 - 2, e.geometry.labelY - 6 - 4, w + 4, 12 + 8);
        ctx.fillStyle = e.labelColour ? colour(e.labelColour) : LABEL_TEXT;
        ctx.fillText(e.label, e.geometry.labelX, e.geometry.labelY);
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
      ctx.font = loopFont;
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
      ctx.fillStyle = colour('--c-retry-bg');
      ctx.fill(loops);
      ctx.strokeStyle = colour('--c-retry');
      ctx.lineWidth = 1.5;
      ctx.stroke(loops);
      for (const [token, path] of fills) {
        ctx.fillStyle = colour(token);
        ctx.fill(path);
      }
      ctx.lineWidth = 1;
      for (const [token, path] of borders) {
        ctx.strokeStyle = colour(token);
        ctx.stroke(path);
      }
      ctx.strokeStyle = colour('--c-selected');
      ctx.lineWidth = 2;
      ctx.stroke(rings);

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
      ctx.lineWidth = 1;
      for (const { look, path } of dots.values()) {
        ctx.globalAlpha = look.alpha;
        ctx.fillStyle = colour(look.fill);
        ctx.fill(path);
        ctx.strokeStyle = look.border === HANDLE_BORDER ? HANDLE_BORDER : colour(look.border);
        ctx.stroke(path);
      }
      ctx.globalAlpha = 1;

      // Text last: branch output names, loop labels, then icons and titles.
      ctx.font = labelFont;
      ctx.textAlign = 'left';
      ctx.fillStyle = colour('--c-text-muted');
      for (const c of cards) for (const h of c.handles) if (h.look.label !== undefined) ctx.fillText(h.look.label, h.x - h.radius + 12, h.y - h.radius - 1);
      ctx.font = loopFont;
      ctx.textAlign = 'center';
      ctx.fillStyle = colour('--c-retry');
      for (const c of cards) {
        if (c.retry === undefined) continue;
        const box = retryLoopBox(c.rect, textWidth(loopFont, c.retry));
        ctx.fillText(c.retry, box.x + box.width / 2, box.y + box.height / 2 + 1);
      }
      ctx.font = titleFont;
      ctx.fillStyle = colour('--c-text');
      for (const c of cards) {
        const box = titleBox(c.rect);
        ctx.fillText(c.icon, box.iconX, box.y);
      }
      ctx.textAlign = 'left';
      for (const c of cards) {
        const box = titleBox(c.rect);
        const key = `${box.maxWidth}\n${c.title}`;
        let text = fitted.get(key);
        if (text === undefined) {
          text = fitText(c.title, box.maxWidth, (s) => textWidth(titleFont, s));
          fitted.set(key, text);
        }
        ctx.fillText(text, box.textX, box.y);
      }
      return cards.length;
    },
  };
}
