import { describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { createApi, type Fetch } from '../api';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { createEditorStore } from '../store/editorStore';
import { activateBlockedReason, saveBlockedReason, saveWorkflow } from './save';

const saga = (): Workflow => structuredClone(PARSED_EXAMPLES[0]?.workflow as Workflow);

function fetchReturning(status: number, body: unknown, seen: string[] = []): Fetch {
  return async (input, init) => {
    seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
}

describe('save', () => {
  it('blocks saving an invalid workflow with a reason', () => {
    const store = createEditorStore({ server: { id: 'w', version: 1, active: false }, workflow: saga() });
    expect(saveBlockedReason(store.getState())).toBe('No unsaved changes.');
    store.getState().addNode('http.request', { x: 0, y: 0 });
    expect(saveBlockedReason(store.getState())).toMatch(/^Fix 1 problem/);
    expect(activateBlockedReason(store.getState())).toMatch(/Save your changes/);
    store.getState().setActive(true);
    expect(activateBlockedReason(store.getState())).toBeNull();
  });

  it('creates a new workflow with POST and learns its id', async () => {
    const seen: string[] = [];
    const store = createEditorStore();
    store.getState().replaceWorkflow(saga());
    const api = createApi(fetchReturning(201, { ...saga(), id: 'wf_7', version: 1, active: false, warnings: [{ path: [], message: 'integration payments is not registered', code: 'w' }] }, seen));
    const outcome = await saveWorkflow(api, store);
    expect(outcome).toEqual({ ok: true, id: 'wf_7', created: true, warnings: ['integration payments is not registered'] });
    expect(seen).toEqual(['POST /api/workflows']);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().server).toEqual({ id: 'wf_7', version: 1, active: false });
  });

  it('updates with PUT and keeps the changes when the server refuses', async () => {
    const seen: string[] = [];
    const store = createEditorStore({ server: { id: 'wf_7', version: 1, active: false }, workflow: saga() });
    store.getState().updateNodeFields('ship', { name: 'x' });
    const api = createApi(fetchReturning(400, { error: { code: 'invalid_workflow', message: 'bad', details: { issues: [{ path: ['nodes'], message: 'path taken', code: 'c' }] } } }, seen));
    const outcome = await saveWorkflow(api, store);
    expect(seen).toEqual(['PUT /api/workflows/wf_7']);
    expect(outcome).toEqual({ ok: false, message: 'The server refused the workflow: path taken' });
    expect(store.getState().dirty).toBe(true);
  });
});
