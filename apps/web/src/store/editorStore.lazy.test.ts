import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { validateWorkflow, type Workflow } from '@switchyard/schema';
import { createApi } from '../api';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { createEditorStore } from './editorStore';

/**
 * The editor before its checks (checks.ts: validator, params forms, template parser) have loaded:
 * fresh modules, so that loadChecks.ts has not loaded them yet (the test setup loads them for the
 * other tests).
 */
async function freshModules() {
  vi.resetModules();
  const loader = await import('../checks/loadChecks');
  expect(loader.loadedChecks()).toBeUndefined();
  return { loader, editorStore: await import('./editorStore'), save: await import('../editor/save') };
}

const saga = (): Workflow => structuredClone(PARSED_EXAMPLES.find((e) => e.key === 'order-saga')?.workflow as Workflow);

/** The saga with one more call that has no url: two problems on `extra` (no url, not reachable). */
function broken(): Workflow {
  const workflow = saga();
  workflow.nodes.push({ id: 'extra', type: 'http.request', params: { method: 'GET' } });
  return workflow;
}

afterEach(() => vi.resetModules());

describe('editor store, before the checks have loaded', () => {
  it('opens a small workflow at once, then has the validator\'s own issues once it loads', async () => {
    const { editorStore } = await freshModules();
    const store = editorStore.createEditorStore({ server: { id: 'w', version: 1, active: false }, workflow: broken() });
    expect(store.getState()).toMatchObject({ checking: true, problems: [], validation: { ok: true } });
    await store.getState().checkNow();
    const expected = validateWorkflow(broken(), nodeDefinitions);
    expect(expected.ok).toBe(false);
    expect(store.getState().checking).toBe(false);
    expect(store.getState().validation).toEqual(expected);
    // The same problems as a store made with the checks already loaded.
    expect(store.getState().problems).toEqual(createEditorStore({ workflow: broken() }).getState().problems);
    expect(store.getState().problems.some((p) => p.target.kind === 'node' && p.target.id === 'extra')).toBe(true);
  });

  it('validates an edit made meanwhile once the checks load, with no call to the store needed', async () => {
    const { editorStore } = await freshModules();
    const store = editorStore.createEditorStore({ workflow: saga() });
    const id = store.getState().addNode('http.request', { x: 0, y: 0 });
    store.getState().updateParams(id, { method: 'GET' });
    expect(store.getState().checking).toBe(true);
    await vi.waitFor(() => expect(store.getState().checking).toBe(false));
    expect(store.getState().validation.ok).toBe(false);
    expect(store.getState().problems.some((p) => p.target.kind === 'node' && p.target.id === id)).toBe(true);
  });

  it('does not save a workflow before the validator has checked it', async () => {
    const { editorStore, save } = await freshModules();
    const store = editorStore.createEditorStore({ workflow: broken() });
    expect(save.saveBlockedReason(store.getState())).toBeNull();
    const api = createApi(() => Promise.reject(new Error('an invalid workflow was sent')));
    const outcome = await save.saveWorkflow(api, store);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Fix \d+ problems? first/) as unknown });
  });
});
