import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { validateWorkflow, type Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { copySelection, pasteFragment } from './clipboard';
import { fromWorkflow, toWorkflow } from './convert';
import { HANDLE_FAILURE, HANDLE_UNDO, branchHandleId } from './handles';
import { baseIdForType, uniqueNodeId } from './ids';
import { emptyGraph, type Graph } from './model';
import {
  addNode,
  connect,
  deleteSelection,
  moveNodes,
  removeRetry,
  renameNode,
  setRetry,
  updateEdge,
  updateNodeFields,
  updateParams,
  updatePolicy,
} from './operations';

const saga = (): Graph => fromWorkflow(PARSED_EXAMPLES.find((e) => e.key === 'order-saga')?.workflow as Workflow);

function starter(): Graph {
  let g = emptyGraph('t');
  g = addNode(g, { type: 'trigger.manual', position: { x: 0, y: 0 } }).graph;
  g = addNode(g, { type: 'http.request', position: { x: 300, y: 0 }, params: { method: 'GET', url: 'https://a' } }).graph;
  g = addNode(g, { type: 'http.request', position: { x: 300, y: 200 }, params: { method: 'GET', url: 'https://b' } }).graph;
  return g;
}

describe('addNode', () => {
  it('gives readable, unique, valid ids', () => {
    const g = starter();
    expect(g.nodes.map((n) => n.id)).toEqual(['manual', 'http_request', 'http_request_2']);
    expect(baseIdForType('trigger.webhook')).toBe('webhook');
  });

  it('never hands out a reserved word or an invalid id', () => {
    const g = emptyGraph();
    expect(uniqueNodeId(g, 'true')).not.toBe('true');
    expect(uniqueNodeId(g, '9lives')).toMatch(/^[A-Za-z_]/);
    expect(uniqueNodeId(g, 'a-b')).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('does not mutate the input graph', () => {
    const g = starter();
    const before = structuredClone(g);
    addNode(g, { type: 'delay', position: { x: 1, y: 1 } });
    expect(g).toStrictEqual(before);
  });
});

describe('connect', () => {
  it('main output -> next edge', () => {
    const { graph, id } = connect(starter(), { source: 'manual', target: 'http_request', sourceHandle: 'out' });
    expect(id).toBe('e1');
    expect(graph.edges[0]).toMatchObject({ kind: 'next', source: 'manual', target: 'http_request' });
    expect(graph.edges[0]).not.toHaveProperty('handle');
  });

  it('branch output -> next edge with handle', () => {
    let g = addNode(starter(), { type: 'branch', position: { x: 0, y: 0 }, params: { condition: '{{ true }}' } }).graph;
    g = connect(g, { source: 'branch', target: 'http_request', sourceHandle: branchHandleId('true') }).graph;
    expect(g.edges[0]).toMatchObject({ kind: 'next', handle: 'true' });
  });

  it('failure handle -> fallback with the next free order', () => {
    let g = addNode(starter(), { type: 'http.request', position: { x: 0, y: 0 } }).graph;
    const first = connect(g, { source: 'http_request', target: 'http_request_2', sourceHandle: HANDLE_FAILURE });
    g = connect(first.graph, { source: 'http_request', target: 'http_request_3', sourceHandle: HANDLE_FAILURE }).graph;
    expect(g.edges.map((e) => (e.kind === 'fallback' ? e.order : null))).toEqual([1, 2]);
    expect(g.edges.map((e) => e.id)).toEqual(['f1', 'f2']);
  });

  it('undo handle -> compensate edge', () => {
    const { graph } = connect(starter(), { source: 'http_request', target: 'http_request_2', sourceHandle: HANDLE_UNDO });
    expect(graph.edges[0]).toMatchObject({ kind: 'compensate', id: 'c1' });
  });

  it('refuses self-loops, unknown nodes and duplicates', () => {
    const g = connect(starter(), { source: 'manual', target: 'http_request' }).graph;
    expect(connect(g, { source: 'manual', target: 'http_request' }).id).toBeNull();
    expect(connect(g, { source: 'manual', target: 'manual' }).id).toBeNull();
    expect(connect(g, { source: 'nope', target: 'manual' }).id).toBeNull();
  });

  it('new edges are written after the existing ones', () => {
    const g = connect(saga(), { source: 'ship', target: 'release', sourceHandle: HANDLE_FAILURE }).graph;
    const wf = toWorkflow(g);
    expect(wf.edges[wf.edges.length - 1]).toMatchObject({ kind: 'fallback', source: 'ship', target: 'release', order: 1 });
  });
});

describe('retry', () => {
  it('sets, edits and removes a retry on a node; the JSON gets a self-loop edge', () => {
    let g = setRetry(starter(), 'http_request', { maxAttempts: 3 });
    expect(toWorkflow(g).edges).toEqual([{ id: 'r1', kind: 'retry', source: 'http_request', target: 'http_request', retry: { maxAttempts: 3 } }]);
    g = setRetry(g, 'http_request', { maxAttempts: 5, backoff: 'fixed' });
    expect(toWorkflow(g).edges).toEqual([{ id: 'r1', kind: 'retry', source: 'http_request', target: 'http_request', retry: { maxAttempts: 5, backoff: 'fixed' } }]);
    g = removeRetry(g, 'http_request');
    expect(toWorkflow(g).edges).toEqual([]);
  });
});

describe('updates', () => {
  it('updates params, policy (empty policy removed) and plain fields', () => {
    let g = updateParams(starter(), 'http_request', { method: 'POST', url: 'https://c' });
    g = updatePolicy(g, 'http_request', { timeoutMs: 2000 });
    g = updateNodeFields(g, 'http_request', { name: 'Charge', integration: 'payments', notes: '' });
    let node = toWorkflow(g).nodes[1];
    expect(node).toStrictEqual({ id: 'http_request', type: 'http.request', name: 'Charge', integration: 'payments', position: { x: 300, y: 0 }, params: { method: 'POST', url: 'https://c' }, policy: { timeoutMs: 2000 } });
    g = updatePolicy(g, 'http_request', { timeoutMs: undefined });
    g = updateNodeFields(g, 'http_request', { name: undefined });
    node = toWorkflow(g).nodes[1];
    expect(node).not.toHaveProperty('policy');
    expect(node).not.toHaveProperty('name');
  });

  it('updates a fallback edge and a position', () => {
    let g = updateEdge(saga(), 'f1', { on: ['timeout'], order: 2 });
    g = moveNodes(g, new Map([['order', { x: 5, y: 6 }]]));
    const wf = toWorkflow(g);
    expect(wf.edges.find((e) => e.id === 'f1')).toEqual({ id: 'f1', kind: 'fallback', source: 'charge', target: 'charge_backup', on: ['timeout'], order: 2 });
    expect(wf.nodes[0]?.position).toEqual({ x: 5, y: 6 });
    g = updateEdge(g, 'f1', { on: undefined });
    expect(toWorkflow(g).edges.find((e) => e.id === 'f1')).not.toHaveProperty('on');
  });

  it('renames a node with its edges, refusing taken or invalid ids', () => {
    const g = renameNode(saga(), 'charge', 'pay');
    const wf = toWorkflow(g);
    expect(wf.edges.filter((e) => e.source === 'pay').length).toBe(4);
    expect(renameNode(saga(), 'charge', 'ship')).toEqual(saga());
    expect(renameNode(saga(), 'charge', 'null')).toEqual(saga());
  });
});

describe('deleteSelection', () => {
  it('removes nodes with every edge touching them', () => {
    const g = deleteSelection(saga(), { nodes: ['charge'], edges: [] });
    const wf = toWorkflow(g);
    expect(wf.nodes.some((n) => n.id === 'charge')).toBe(false);
    expect(wf.edges.some((e) => e.source === 'charge' || e.target === 'charge')).toBe(false);
    expect(wf.edges.map((e) => e.id)).toEqual(['e1', 'r2', 'c1', 'c3']);
  });

  it('removes selected edges and a selected retry', () => {
    const g = deleteSelection(saga(), { nodes: [], edges: ['f1', 'r1'] });
    const wf = toWorkflow(g);
    expect(wf.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'r2', 'c1', 'c2', 'c3']);
    expect(wf.nodes).toHaveLength(8);
  });
});

describe('copy / paste', () => {
  it('pastes with new ids, shifted, keeping inner edges and retries', () => {
    const g0 = saga();
    const fragment = copySelection(g0, { nodes: ['charge', 'charge_backup', 'ship'], edges: [] });
    const { graph, selection } = pasteFragment(g0, fragment);
    expect(selection.nodes).toEqual(['charge_2', 'charge_backup_2', 'ship_2']);
    const wf = toWorkflow(graph);
    const ids = wf.edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(wf.edges.find((e) => e.kind === 'fallback' && e.source === 'charge_2')).toMatchObject({ target: 'charge_backup_2', order: 1 });
    expect(wf.edges.find((e) => e.kind === 'retry' && e.source === 'charge_2')).toBeDefined();
    expect(wf.edges.find((e) => e.kind === 'next' && e.source === 'charge_2')).toMatchObject({ target: 'ship_2' });
    // refund is not copied: the compensate edge to it is dropped, never dangling
    expect(wf.edges.some((e) => e.source === 'charge_2' && e.kind === 'compensate')).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'charge_2')?.position).toEqual({ x: 540, y: 40 });
  });

  it('a pasted copy of a valid workflow fragment keeps the structure valid', () => {
    const g0 = fromWorkflow(PARSED_EXAMPLES.find((e) => e.key === 'sync-contacts')?.workflow as Workflow);
    const { graph } = pasteFragment(g0, copySelection(g0, { nodes: ['fetch'], edges: [] }));
    const result = validateWorkflow(toWorkflow(graph), nodeDefinitions);
    // only reachability of the pasted node fails; ids stay unique
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.every((i) => !/unique|duplicate/i.test(i.message))).toBe(true);
  });
});
