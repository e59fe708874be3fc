import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { farScene, type FarEdgeInput, type FarNodeInput, type GeometryCache } from './farScene';

const card = (id: string, x: number, y: number, extra: Partial<FarNodeInput['internals']['userNode']['data']> = {}, selected = false): FarNodeInput => ({
  id,
  measured: { width: 220, height: 80 },
  selected,
  internals: {
    positionAbsolute: { x, y },
    handleBounds: {
      source: [
        { id: 'out', position: Position.Right, x: 215, y: 35, width: 10, height: 10 },
        { id: 'failure', position: Position.Bottom, x: 182, y: 75, width: 10, height: 10 },
      ],
      target: [
        { id: 'in', position: Position.Left, x: -5, y: 35, width: 10, height: 10 },
        { id: 'in-top', position: Position.Top, x: 106, y: -4, width: 8, height: 8 },
      ],
    },
    userNode: { data: { title: `Node ${id}`, group: 'integration', role: 'main', issues: [], badges: [], node: {}, isTrigger: false, canFail: true, outputs: null, ...extra } },
  },
});

const edge = (id: string, kind: 'next' | 'fallback', source: string, target: string, extra: Partial<FarEdgeInput> = {}): FarEdgeInput => ({
  id,
  source,
  target,
  sourceHandle: kind === 'next' ? 'out' : 'failure',
  targetHandle: kind === 'next' ? 'in' : 'in-top',
  data: { kind, hasIssue: false },
  ...extra,
});

describe('far view scene', () => {
  it('draws measured cards with their title, icon, look and retry loop', () => {
    const scene = farScene(
      [
        card('a', 0, 0, { node: { retry: {} }, badges: [{ kind: 'retry', text: 'x3 exp 0.2-2s' }] }, true),
        card('b', 300, 0, { role: 'fallback', issues: [{ severity: 'error' }] }),
        { ...card('c', 600, 0), measured: {} },
      ],
      [],
    );
    expect(scene.cards.map((c) => c.id)).toEqual(['a', 'b']);
    expect(scene.cards[0]).toMatchObject({ title: 'Node a', icon: '⇄', retry: '↻ x3 exp 0.2-2s', look: { ring: '--c-selected' }, rect: { x: 0, y: 0, width: 220, height: 80 } });
    expect(scene.cards[1]).toMatchObject({ retry: undefined, look: { fill: '--c-fallback-bg', border: '--c-failure', ring: null } });
    // Handle dots at their measured boxes' centres, coloured by handle.
    expect(scene.cards[1]!.handles.map((h) => [h.x, h.y, h.radius, h.look.fill])).toEqual([
      [300, 40, 5, '--c-edge-next'],
      [410, 0, 4, '--c-border'],
      [520, 40, 5, '--c-edge-next'],
      [487, 80, 5, '--c-fallback'],
    ]);
  });

  it('draws edges between measured handles with their kind\'s stroke and label', () => {
    const scene = farScene([card('a', 0, 0), card('b', 300, 0), card('c', 0, 200)], [edge('e1', 'next', 'a', 'b'), edge('f1', 'fallback', 'a', 'c', { label: 'on: any #1', selected: true }), edge('x', 'next', 'a', 'gone')]);
    expect(scene.edges.map((e) => e.id)).toEqual(['e1', 'f1']);
    const [next, fallback] = scene.edges;
    expect(next).toMatchObject({ source: { x: 225, y: 40 }, target: { x: 295, y: 40 }, stroke: { colour: '--c-edge-next', dash: [] }, label: undefined });
    expect(fallback).toMatchObject({ source: { x: 187, y: 85, position: Position.Bottom }, target: { x: 110, y: 196, position: Position.Top }, stroke: { colour: '--c-fallback', width: 3 }, label: 'on: any #1', labelColour: '--c-fallback' });
  });

  it('places handles where the card would before React Flow measures any (cards built without DOM handles)', () => {
    const unmeasured = { ...card('a', 0, 0), internals: { ...card('a', 0, 0).internals, handleBounds: { source: null, target: null } } };
    const scene = farScene([unmeasured, card('b', 300, 0)], [edge('e1', 'next', 'a', 'b')]);
    expect(scene.cards[0]!.handles.map((h) => [h.look.fill, h.x, h.y])).toEqual([
      ['--c-edge-next', 1, 40],
      ['--c-border', 110, 1],
      ['--c-edge-next', 219, 40],
      ['--c-fallback', 1 + 0.85 * 218, 79],
      ['--c-compensate', 1 + 0.15 * 218, 79],
    ]);
    // The next edge leaves from the right handle's outer side, as React Flow would draw it.
    expect(scene.edges[0]!.source).toEqual({ x: 224, y: 40, position: Position.Right });
  });

  it('keeps an edge path while its ends stay put, and recomputes it when a node moves', () => {
    const cache: GeometryCache = new Map();
    const edges = [edge('e1', 'next', 'a', 'b'), edge('e2', 'next', 'b', 'c')];
    const first = farScene([card('a', 0, 0), card('b', 300, 0), card('c', 600, 0)], edges, cache);
    const panned = farScene([card('a', 0, 0), card('b', 300, 0), card('c', 600, 0)], edges, cache);
    expect(panned.edges[0]!.geometry).toBe(first.edges[0]!.geometry);
    const dragged = farScene([card('a', 0, 50), card('b', 300, 0), card('c', 600, 0)], edges, cache);
    expect(dragged.edges[0]!.geometry).not.toBe(first.edges[0]!.geometry);
    expect(dragged.edges[1]!.geometry).toBe(first.edges[1]!.geometry);
    // A deleted edge leaves the cache.
    farScene([card('a', 0, 50), card('b', 300, 0)], [edges[0]!], cache);
    expect([...cache.keys()]).toEqual(['e1']);
  });
});
