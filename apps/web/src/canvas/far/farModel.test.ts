import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { FAR_ZOOM, anchor, cardHandles, handleLook, arrowHead, cardLook, edgeGeometry, edgeLabelColour, edgeStroke, fitText, isFar, onScreen, retryLoopBox } from './farModel';

describe('far view model', () => {
  it('switches to the far view below 30 % zoom only', () => {
    expect(FAR_ZOOM).toBe(0.3);
    expect(isFar(0.2)).toBe(true);
    expect(isFar(0.299)).toBe(true);
    expect(isFar(0.3)).toBe(false);
    expect(isFar(1)).toBe(false);
  });

  it('strokes each edge kind as app.css does: colour, dash, width', () => {
    const plain = { selected: false, hasIssue: false };
    expect(edgeStroke('next', plain)).toEqual({ colour: '--c-edge-next', width: 1.5, dash: [] });
    expect(edgeStroke('fallback', plain)).toEqual({ colour: '--c-fallback', width: 1.5, dash: [6, 4] });
    expect(edgeStroke('compensate', plain)).toEqual({ colour: '--c-compensate', width: 1.5, dash: [2, 3] });
    expect(edgeStroke('retry', plain)).toEqual({ colour: '--c-retry', width: 1.5, dash: [] });
    // An issue turns any edge red and keeps its dash; a selected edge is drawn 3 wide.
    expect(edgeStroke('fallback', { selected: true, hasIssue: true })).toEqual({ colour: '--c-failure', width: 3, dash: [6, 4] });
  });

  it('colours edge labels by kind, and red for an issue', () => {
    expect(edgeLabelColour('fallback', false)).toBe('--c-fallback');
    expect(edgeLabelColour('compensate', false)).toBe('--c-compensate');
    expect(edgeLabelColour('next', false)).toBeNull();
    expect(edgeLabelColour('next', true)).toBe('--c-failure');
  });

  it('tints cards by role and marks selection and errors like the DOM card', () => {
    expect(cardLook('main', false, false)).toEqual({ fill: '--c-surface', border: '--c-border', ring: null });
    expect(cardLook('fallback', false, false).fill).toBe('--c-fallback-bg');
    expect(cardLook('compensation', false, false).fill).toBe('--c-compensate-bg');
    expect(cardLook('main', true, false)).toEqual({ fill: '--c-surface', border: '--c-selected', ring: '--c-selected' });
    // .has-error comes after .is-selected in app.css: its border wins, the ring stays.
    expect(cardLook('main', true, true)).toEqual({ fill: '--c-surface', border: '--c-failure', ring: '--c-selected' });
  });

  it('anchors edges at the outer middle of their handle, or of the card side before handles are measured', () => {
    const card = { x: 100, y: 50, width: 220, height: 80 };
    expect(anchor(card, { id: 'out', position: Position.Right, x: 215, y: 35, width: 10, height: 10 }, Position.Right)).toEqual({ x: 325, y: 90, position: Position.Right });
    expect(anchor(card, { id: 'in-top', position: Position.Top, x: 106, y: -4, width: 8, height: 8 }, Position.Top)).toEqual({ x: 210, y: 46, position: Position.Top });
    expect(anchor(card, undefined, Position.Left)).toEqual({ x: 100, y: 90, position: Position.Left });
    expect(anchor(card, undefined, Position.Bottom)).toEqual({ x: 210, y: 130, position: Position.Bottom });
  });

  it('draws next edges as beziers and failure paths as smooth steps, like React Flow', () => {
    const source = { x: 0, y: 0, position: Position.Right };
    const target = { x: 200, y: 100, position: Position.Left };
    expect(edgeGeometry('next', source, target).path).toMatch(/^M0,0 C/);
    const step = edgeGeometry('fallback', { x: 0, y: 0, position: Position.Bottom }, { x: 200, y: 200, position: Position.Top });
    expect(step.path).toMatch(/^M0 0/);
    expect(step.path).not.toContain('C');
    expect(step.labelX).toBeCloseTo(100);
  });

  it('points arrow heads into the target side, scaled by the stroke', () => {
    const [tip, a, b] = arrowHead({ x: 100, y: 50, position: Position.Left }, 1.5);
    expect(tip).toEqual({ x: 100, y: 50 });
    expect(a.x).toBeLessThan(100);
    expect(b.x).toBe(a.x);
    expect(Math.abs(a.y - b.y)).toBeCloseTo(7.5);
    const [, down] = arrowHead({ x: 0, y: 0, position: Position.Top }, 3);
    expect(down.y).toBeCloseTo(-9.375);
  });

  it('puts the retry loop on the top edge, centred', () => {
    const box = retryLoopBox({ x: 0, y: 100, width: 220, height: 80 }, 60);
    expect(box.x + box.width / 2).toBeCloseTo(110);
    expect(box.y).toBeLessThan(100);
    expect(box.y + box.height).toBeLessThanOrEqual(100);
  });

  it('culls rectangles off screen, with a margin', () => {
    const viewport = { x: 0, y: 0, zoom: 0.25 };
    expect(onScreen({ x: 0, y: 0, width: 220, height: 80 }, viewport, 800, 600)).toBe(true);
    expect(onScreen({ x: 4000, y: 0, width: 220, height: 80 }, viewport, 800, 600)).toBe(false);
    expect(onScreen({ x: -300, y: 0, width: 220, height: 80 }, viewport, 800, 600)).toBe(false);
    expect(onScreen({ x: -240, y: 0, width: 220, height: 80 }, viewport, 800, 600)).toBe(true);
  });

  it('fits a title to a width with an ellipsis', () => {
    const measure = (s: string): number => s.length * 10;
    expect(fitText('Charge', 100, measure)).toBe('Charge');
    expect(fitText('Charge via backup provider', 100, measure)).toBe('Charge vi…');
    expect(fitText('Charge', 5, measure)).toBe('');
  });
});

describe('far view handles', () => {
  it('draws each handle as app.css does: next grey with a white ring, failure orange, undo purple, the top input faint', () => {
    expect(handleLook('in')).toEqual({ fill: '--c-edge-next', border: '#ffffff', alpha: 1, label: undefined });
    expect(handleLook('out')).toMatchObject({ fill: '--c-edge-next', label: undefined });
    expect(handleLook('out:true')).toMatchObject({ fill: '--c-edge-next', label: 'true' });
    expect(handleLook('failure')).toMatchObject({ fill: '--c-fallback', border: '--c-fallback' });
    expect(handleLook('undo')).toMatchObject({ fill: '--c-compensate', border: '--c-compensate' });
    expect(handleLook('in-top')).toMatchObject({ fill: '--c-border', alpha: 0.6 });
  });
});

describe('handles before measurement', () => {
  it('puts a branch card\'s outputs down its right side and gives a trigger no input, failure or undo handle', () => {
    const branch = cardHandles({ width: 220, height: 100 }, { isTrigger: false, canFail: false, outputs: ['true', 'false'] });
    expect(branch.source.map((h) => [h.id, h.x + h.width / 2, h.y + h.height / 2])).toEqual([
      ['out:true', 219, 1 + 98 / 3],
      ['out:false', 219, 1 + (98 * 2) / 3],
      ['undo', 1 + 0.15 * 218, 99],
    ]);
    const trigger = cardHandles({ width: 220, height: 60 }, { isTrigger: true, canFail: true, outputs: null });
    expect(trigger.target).toEqual([]);
    expect(trigger.source.map((h) => h.id)).toEqual(['out']);
  });
});
