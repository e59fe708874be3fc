import { describe, expect, it, vi } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { HANDLE_FAILURE } from '../graph/handles';
import { draftKey, type DraftStorage } from './drafts';
import { VALIDATE_AFTER_FIRST_RENDER_NODES, createEditorStore } from './editorStore';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const saga = (): Workflow => structuredClone(PARSED_EXAMPLES.find((e) => e.key === 'order-saga')?.workflow as Workflow);
const server = { id: 'wf_1', version: 3, active: false };

describe('editor store', () => {
  it('opens a stored workflow clean and valid', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const s = store.getState();
    expect(s.dirty).toBe(false);
    expect(s.validation.ok).toBe(true);
    expect(s.problems).toEqual([]);
    expect(s.workflow).toStrictEqual(saga());
  });

  it('shows a large stored workflow first and validates it once the page is idle; a small one, or an edit, is validated at once', async () => {
    // A chain of 120 calls, one with a template that does not parse (a stored workflow the
    // validator of this build refuses): its problem shows once the idle validation has run.
    const nodes: Workflow['nodes'] = [{ id: 't', type: 'trigger.manual' }];
    const edges: Workflow['edges'] = [];
    for (let i = 1; i <= VALIDATE_AFTER_FIRST_RENDER_NODES + 20; i++) {
      nodes.push({ id: `n${i}`, type: 'http.request', integration: 'unknown_svc', params: { method: 'GET', url: `{{ $integration.baseUrl & '/${i}' }}` } });
      edges.push({ id: `e${i}`, kind: 'next', source: i === 1 ? 't' : `n${i - 1}`, target: `n${i}` });
    }
    nodes[50] = { ...nodes[50]!, params: { method: 'GET', url: '{{ $integration.baseUrl & }}' } };
    const big: Workflow = { schemaVersion: 1, name: 'Big', nodes, edges };
    const store = createEditorStore({ server, workflow: big });
    expect(store.getState().validation.ok).toBe(true);
    await vi.waitFor(() => expect(store.getState().validation.ok).toBe(false));
    expect(store.getState().problems.some((p) => p.target.kind === 'node' && p.target.id === 'n50')).toBe(true);
    // An edit before the idle validation is validated when it is made.
    const edited = createEditorStore({ server, workflow: big });
    edited.getState().addNode('delay', { x: 0, y: 0 });
    expect(edited.getState().problems.some((p) => p.target.kind === 'node' && p.target.id === 'n50')).toBe(true);
    // A small workflow is validated before it is shown.
    const small = createEditorStore({ server, workflow: { ...big, nodes: nodes.slice(0, 60), edges: edges.slice(0, 59) } });
    expect(small.getState().validation.ok).toBe(false);
  });

  it('validates on every change and locates problems on nodes', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const id = store.getState().addNode('http.request', { x: 0, y: 500 });
    const s = store.getState();
    expect(s.dirty).toBe(true);
    expect(s.selection).toEqual({ nodes: [id], edges: [] });
    expect(s.validation.ok).toBe(false);
    expect(s.problems.some((p) => p.target.kind === 'node' && p.target.id === id)).toBe(true);
    store.getState().connect({ source: 'ship', target: id });
    expect(store.getState().validation.ok).toBe(true);
  });

  it('connects from the failure handle as a fallback and selects the edge', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const id = store.getState().addNode('http.request', { x: 0, y: 500 });
    const edgeId = store.getState().connect({ source: 'ship', target: id, sourceHandle: HANDLE_FAILURE });
    expect(edgeId).toBe('f2');
    expect(store.getState().selection.edges).toEqual(['f2']);
    expect(store.getState().workflow.edges.at(-1)).toMatchObject({ kind: 'fallback', order: 1 });
  });

  it('adds a node connected from a handle as one undo step', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const id = store.getState().addConnectedNode('http.request', { x: 0, y: 600 }, { source: 'ship', sourceHandle: HANDLE_FAILURE });
    expect(store.getState().workflow.edges.at(-1)).toMatchObject({ kind: 'fallback', source: 'ship', target: id, order: 1 });
    expect(store.getState().validation.ok).toBe(true);
    store.getState().undo();
    expect(store.getState().workflow).toStrictEqual(saga());
  });

  it('undoes and redoes, keeping selection consistent', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const id = store.getState().addNode('delay', { x: 0, y: 0 });
    expect(store.getState().canUndo()).toBe(true);
    store.getState().undo();
    expect(store.getState().graph.nodes.some((n) => n.id === id)).toBe(false);
    expect(store.getState().selection.nodes).toEqual([]);
    expect(store.getState().workflow).toStrictEqual(saga());
    store.getState().redo();
    expect(store.getState().graph.nodes.some((n) => n.id === id)).toBe(true);
  });

  it('one drag and one run of typing are one undo step each', () => {
    const store = createEditorStore({ server, workflow: saga() });
    const s = store.getState();
    s.moveNodes(new Map([['order', { x: 10, y: 0 }]]), true);
    s.moveNodes(new Map([['order', { x: 20, y: 0 }]]), true);
    s.moveNodes(new Map([['order', { x: 30, y: 0 }]]), false);
    s.updateNodeFields('ship', { name: 'S' }, 'name:ship');
    s.updateNodeFields('ship', { name: 'Sh' }, 'name:ship');
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().graph.nodes.find((n) => n.id === 'ship')?.name).toBe('Create shipment');
    store.getState().undo();
    expect(store.getState().graph.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('a drag moves the card every frame, and writes the workflow and the draft once, when it ends', () => {
    const storage = memoryStorage();
    let writes = 0;
    const counting = { ...storage, setItem: (k: string, v: string) => { writes++; storage.setItem(k, v); } };
    const store = createEditorStore({ server, workflow: saga(), storage: counting });
    const before = store.getState().workflow;
    for (let x = 1; x <= 5; x++) store.getState().moveNodes(new Map([['order', { x, y: 0 }]]), true);
    expect(writes).toBe(0);
    expect(store.getState().graph.nodes.find((n) => n.id === 'order')?.position).toEqual({ x: 5, y: 0 });
    expect(store.getState().workflow).toBe(before);
    store.getState().moveNodes(new Map(), false);
    expect(store.getState().workflow.nodes[0]?.position).toEqual({ x: 5, y: 0 });
    expect(writes).toBe(1);
    expect(storage.data.get(draftKey('wf_1'))).toContain('"x":5');
  });

  it('deletes the selection with its edges', () => {
    const store = createEditorStore({ server, workflow: saga() });
    store.getState().select({ nodes: ['charge_backup'], edges: [] });
    store.getState().deleteSelection();
    const wf = store.getState().workflow;
    expect(wf.nodes.some((n) => n.id === 'charge_backup')).toBe(false);
    expect(wf.edges.some((e) => e.target === 'charge_backup' || e.source === 'charge_backup')).toBe(false);
    expect(store.getState().selection).toEqual({ nodes: [], edges: [] });
  });

  it('copies and pastes with new ids, twice at different places', () => {
    const store = createEditorStore({ server, workflow: saga() });
    store.getState().select({ nodes: ['ship'], edges: [] });
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const ids = store.getState().graph.nodes.map((n) => n.id);
    expect(ids).toContain('ship_2');
    expect(ids).toContain('ship_3');
    const p2 = store.getState().graph.nodes.find((n) => n.id === 'ship_2')?.position;
    const p3 = store.getState().graph.nodes.find((n) => n.id === 'ship_3')?.position;
    expect(p2).not.toEqual(p3);
    expect(store.getState().selection.nodes).toEqual(['ship_3']);
  });

  it('sets and removes a retry, editing the policy', () => {
    const store = createEditorStore({ server, workflow: saga() });
    store.getState().setRetry('reserve', { maxAttempts: 4 });
    expect(store.getState().workflow.edges.at(-1)).toEqual({ id: 'r3', kind: 'retry', source: 'reserve', target: 'reserve', retry: { maxAttempts: 4 } });
    store.getState().removeRetry('reserve');
    expect(store.getState().workflow.edges.some((e) => e.id === 'r3')).toBe(false);
  });

  it('persists unsaved work per workflow id and restores it on reload', () => {
    const storage = memoryStorage();
    const first = createEditorStore({ server, workflow: saga(), storage });
    first.getState().updateNodeFields('ship', { name: 'Ship it' });
    expect(storage.data.has(draftKey('wf_1'))).toBe(true);

    const reloaded = createEditorStore({ server, workflow: saga(), storage });
    expect(reloaded.getState().dirty).toBe(true);
    expect(reloaded.getState().restoredDraft).toBe(true);
    expect(reloaded.getState().graph.nodes.find((n) => n.id === 'ship')?.name).toBe('Ship it');

    const other = createEditorStore({ server: { ...server, id: 'wf_2' }, workflow: saga(), storage });
    expect(other.getState().dirty).toBe(false);
  });

  it('saving clears the dirty flag and the draft (also the draft of a new workflow)', () => {
    const storage = memoryStorage();
    const store = createEditorStore({ storage });
    store.getState().replaceWorkflow(saga());
    expect(storage.data.has(draftKey(null))).toBe(true);
    store.getState().markSaved({ id: 'wf_9', version: 1, active: false });
    expect(store.getState().dirty).toBe(false);
    expect(storage.data.size).toBe(0);
    expect(store.getState().server.id).toBe('wf_9');
  });

  it('discards a restored draft', () => {
    const storage = memoryStorage();
    createEditorStore({ server, workflow: saga(), storage }).getState().updateNodeFields('ship', { name: 'x' });
    const reopened = createEditorStore({ server, workflow: saga(), storage });
    reopened.getState().discardDraft();
    expect(storage.data.size).toBe(0);
    expect(createEditorStore({ server, workflow: saga(), storage }).getState().restoredDraft).toBe(false);
  });

  it('ignores a corrupt draft', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('wf_1'), '{not json');
    const store = createEditorStore({ server, workflow: saga(), storage });
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().workflow).toStrictEqual(saga());
  });

  it('auto-layout is one undo step', async () => {
    const store = createEditorStore({ server, workflow: saga() });
    await store.getState().layout();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().workflow).toStrictEqual(saga());
  });
});
