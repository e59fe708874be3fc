import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import type { Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { fromWorkflow } from '../graph/convert';
import { HANDLE_FAILURE, HANDLE_IN, HANDLE_IN_TOP, HANDLE_MAIN, HANDLE_UNDO, branchHandleId } from '../graph/handles';
import { CARD_WIDTH, edgeLabel, estimatedCardHeight, toFlowEdges, toFlowNodes } from './toFlow';

const graphOf = (key: string) => fromWorkflow(PARSED_EXAMPLES.find((e) => e.key === key)?.workflow as Workflow);
const none = { nodes: [], edges: [] };

describe('graph -> React Flow', () => {
  it('draws each edge kind from its handle with its style class and label', () => {
    const g = graphOf('order-saga');
    const edges = toFlowEdges(g, none, new Map());
    const byId = new Map(edges.map((e) => [e.id, e]));
    expect(byId.get('e1')).toMatchObject({ sourceHandle: HANDLE_MAIN, targetHandle: HANDLE_IN, className: 'edge-next' });
    expect(byId.get('f1')).toMatchObject({ sourceHandle: HANDLE_FAILURE, targetHandle: HANDLE_IN_TOP, className: 'edge-fallback', label: 'on: timeout, network, server, circuit_open #1' });
    expect(byId.get('c1')).toMatchObject({ sourceHandle: HANDLE_UNDO, className: 'edge-compensate', label: 'undo' });
    // retries are drawn on the node, not as edges
    expect(byId.has('r1')).toBe(false);
  });

  it('draws branch edges from their output handle', () => {
    const edges = toFlowEdges(graphOf('branch-and-join'), none, new Map());
    expect(edges.find((e) => e.id === 'e2')).toMatchObject({ sourceHandle: branchHandleId('true'), label: 'true' });
  });

  it('marks nodes by role, selection and issues, keeping measured sizes', () => {
    const g = graphOf('order-saga');
    const issue = { path: ['nodes', 3], code: 'x', message: 'm', severity: 'error' as const, target: { kind: 'node' as const, id: 'charge' } };
    const nodes = toFlowNodes(g, { nodes: ['charge'], edges: [] }, nodeCatalog, new Map([['charge', [issue]]]), new Map([['charge', { width: 200, height: 90 }]]));
    const charge = nodes.find((n) => n.id === 'charge');
    expect(charge?.selected).toBe(true);
    expect(charge?.measured).toEqual({ width: 200, height: 90 });
    expect(charge?.data.issues).toHaveLength(1);
    expect(charge?.data.summary).toBe('POST /charges');
    expect(nodes.find((n) => n.id === 'charge_backup')?.data.role).toBe('fallback');
    expect(nodes.find((n) => n.id === 'refund')?.data.role).toBe('compensation');
    expect(nodes.find((n) => n.id === 'order')?.data.isTrigger).toBe(true);
  });

  it('gives a card not measured yet an estimated size, so it is shown at once; a measured one keeps its size only', () => {
    const nodes = toFlowNodes(graphOf('order-saga'), { nodes: [], edges: [] }, nodeCatalog, new Map(), new Map([['charge', { width: 200, height: 90 }]]));
    const charge = nodes.find((n) => n.id === 'charge')!;
    expect(charge.initialWidth).toBeUndefined();
    const order = nodes.find((n) => n.id === 'order')!;
    const reserve = nodes.find((n) => n.id === 'reserve')!;
    expect(order.initialWidth).toBe(CARD_WIDTH);
    // Drawn sizes (examples in Chromium): a card without badges 65 px high, one badge row 88 px.
    expect(order.initialHeight).toBe(estimatedCardHeight(0));
    expect(estimatedCardHeight(0)).toBe(65);
    expect(reserve.data.badges.length).toBe(1);
    expect(reserve.initialHeight).toBe(88);
  });

  it('labels a fallback without categories as any failure', () => {
    expect(edgeLabel({ kind: 'fallback', id: 'f', source: 'a', target: 'b', seq: 0 })).toBe('on: any #1');
  });

  it('keeps the flow node of every card whose inputs did not change (a drag re-renders one card)', () => {
    const g = graphOf('order-saga');
    const cache = new Map();
    const issues = new Map();
    const measured = new Map();
    const first = toFlowNodes(g, none, nodeCatalog, issues, measured, cache);
    expect(toFlowNodes(g, none, nodeCatalog, issues, measured, cache)).toEqual(first);
    const moved = { ...g, nodes: g.nodes.map((n) => (n.id === 'charge' ? { ...n, position: { x: 1, y: 2 } } : n)) };
    const second = toFlowNodes(moved, none, nodeCatalog, issues, measured, cache);
    for (const [i, node] of second.entries()) {
      if (node.id === 'charge') {
        expect(node).not.toBe(first[i]);
        expect(node.position).toEqual({ x: 1, y: 2 });
      } else expect(node).toBe(first[i]);
    }
    const selected = toFlowNodes(moved, { nodes: ['ship'], edges: [] }, nodeCatalog, issues, measured, cache);
    expect(selected.find((n) => n.id === 'ship')?.selected).toBe(true);
    expect(selected.find((n) => n.id === 'order')).toBe(second.find((n) => n.id === 'order'));
    // A measured size is passed back to React Flow without rebuilding the card's data.
    const sized = toFlowNodes(moved, { nodes: ['ship'], edges: [] }, nodeCatalog, issues, new Map([['order', { width: 220, height: 90 }]]), cache);
    const order = sized.find((n) => n.id === 'order');
    expect(order?.measured).toEqual({ width: 220, height: 90 });
    expect(order?.data).toBe(second.find((n) => n.id === 'order')?.data);
  });
});
