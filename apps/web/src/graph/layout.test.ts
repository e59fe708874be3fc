import { describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { fromWorkflow } from './convert';
import { NODE_WIDTH, autoLayout, displayPosition, findFreeSpot } from './layout';

const saga = (): Workflow => PARSED_EXAMPLES.find((e) => e.key === 'order-saga')?.workflow as Workflow;

describe('autoLayout', () => {
  it('puts the main path left to right on one line and the failure plan below it', async () => {
    const g = await autoLayout(fromWorkflow(saga()));
    const pos = (id: string): { x: number; y: number } => {
      const p = g.nodes.find((n) => n.id === id)?.position;
      if (!p) throw new Error(`no position for ${id}`);
      return p;
    };
    const main = ['order', 'reserve', 'charge', 'ship'].map(pos);
    for (let i = 1; i < main.length; i++) {
      expect(main[i]?.x).toBeGreaterThan(main[i - 1]?.x ?? Infinity);
      expect(main[i]?.y).toBe(main[0]?.y);
    }
    const lowestMain = Math.max(...main.map((p) => p.y));
    for (const id of ['release', 'charge_backup', 'refund', 'refund_backup']) expect(pos(id).y).toBeGreaterThan(lowestMain);
    expect(pos('charge_backup').x).toBe(pos('charge').x);
    expect(pos('release').x).toBe(pos('reserve').x);
    // charge_backup's own undo goes right of it and below it, not under it in charge's column
    expect(pos('refund_backup').x).toBe(pos('ship').x);
    expect(pos('refund_backup').y).toBeGreaterThan(pos('charge_backup').y);
    expect(pos('refund').x).toBe(pos('charge').x);
    // no two nodes on the same spot
    const spots = g.nodes.map((n) => `${n.position?.x},${n.position?.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('changes nothing but positions', async () => {
    const before = fromWorkflow(saga());
    const after = await autoLayout(before);
    const strip = (g: typeof before): unknown => ({ ...g, nodes: g.nodes.map(({ position: _p, ...rest }) => rest) });
    expect(strip(after)).toEqual(strip(before));
  });

  it('finds a free spot for a new card below the ones in the way', () => {
    const g = fromWorkflow(saga());
    expect(findFreeSpot(g, { x: -1000, y: 0 })).toEqual({ x: -1000, y: 0 });
    const spot = findFreeSpot(g, { x: 500, y: 0 });
    expect(spot.x).toBe(500);
    for (const n of g.nodes) {
      const p = n.position ?? { x: 0, y: 0 };
      expect(Math.abs(p.x - spot.x) < 240 && Math.abs(p.y - spot.y) < 110).toBe(false);
    }
  });

  it('gives nodes without a position a grid spot', () => {
    expect(displayPosition({ id: 'a', type: 'delay' }, 6)).toEqual({ x: NODE_WIDTH + 80, y: 160 });
  });
});
