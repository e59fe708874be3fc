import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Workflow } from '@switchyard/schema';
import { createApi, type Fetch } from '../api';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { EditorPage } from './EditorPage';

const saga = (): Workflow => structuredClone(PARSED_EXAMPLES[0]?.workflow as Workflow);

function fakeServer(): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchImpl: Fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const url = String(input);
    calls.push(`${method} ${url}`);
    const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET' && url === '/api/workflows/wf_1') return json(200, { ...saga(), id: 'wf_1', version: 2, active: false });
    if (method === 'PUT' && url === '/api/workflows/wf_1') return json(200, { ...(JSON.parse(String(init?.body)) as Workflow), id: 'wf_1', version: 3, active: false });
    if (method === 'POST' && url === '/api/workflows/wf_1/activate') return json(200, {});
    return json(404, { error: { code: 'not_found', message: 'no' } });
  };
  return { fetch: fetchImpl, calls };
}

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('EditorPage', () => {
  it('opens a stored workflow, edits it, saves it with PUT', async () => {
    const server = fakeServer();
    render(<EditorPage api={createApi(server.fetch)} workflowId="wf_1" onSignedOut={() => {}} />);
    await screen.findByTestId('editor-page');
    expect(screen.getByTestId('problems-none')).toBeTruthy();
    // The canvas draws the cards with their failure plan.
    await waitFor(() => expect(document.querySelector('.react-flow__node[data-id="charge"]')).not.toBeNull());
    expect(screen.getByTestId('retry-loop-charge').textContent).toContain('x3 exp 0.2s..2s');
    expect(screen.getByTestId('node-card-charge').textContent).toContain('-> charge_backup');
    expect(screen.getByTestId('node-card-charge').textContent).toContain('undo: refund');
    const save = screen.getByTestId('btn-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('No unsaved changes.');

    // The workflow inspector edits the name.
    fireEvent.change(screen.getByTestId('field-workflow-name'), { target: { value: 'Order saga 2' } });
    expect(save.disabled).toBe(false);
    expect(localStorage.getItem('switchyard.draft.wf_1')).toContain('Order saga 2');
    await act(async () => {
      fireEvent.click(save);
    });
    await waitFor(() => expect(server.calls).toContain('PUT /api/workflows/wf_1'));
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('v3'));
    expect(localStorage.getItem('switchyard.draft.wf_1')).toBeNull();

    // Activation is possible once saved.
    const activate = screen.getByTestId('btn-activate') as HTMLButtonElement;
    expect(activate.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(activate);
    });
    await waitFor(() => expect(screen.getByTestId('btn-activate').textContent).toBe('Deactivate'));
  });

  it('a save over a version saved elsewhere meanwhile shows the conflict; both ways out work', async () => {
    // The server is at version 3 (someone else saved); this editor loaded version 2.
    let stored: Workflow & { version: number } = { ...saga(), name: 'Their name', version: 3 };
    const puts: Array<{ ifMatch: string | null; name: string }> = [];
    const fetchImpl: Fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (method === 'GET' && String(input) === '/api/workflows/wf_1') return json(200, { ...stored, id: 'wf_1', active: false });
      if (method === 'PUT' && String(input) === '/api/workflows/wf_1') {
        const ifMatch = new Headers(init?.headers).get('if-match');
        const body = JSON.parse(String(init?.body)) as Workflow;
        puts.push({ ifMatch, name: body.name });
        if (ifMatch !== `"${stored.version}"`) return json(412, { error: { code: 'precondition_failed', message: 'stale', details: { currentVersion: stored.version } } });
        stored = { ...body, version: stored.version + 1 };
        return json(200, { ...stored, id: 'wf_1', active: false });
      }
      return json(404, { error: { code: 'not_found', message: 'no' } });
    };
    const first = { ...saga(), name: 'Order saga', version: 2 };
    const api = createApi(fetchImpl);
    const loading = stored;
    stored = first;
    render(<EditorPage api={api} workflowId="wf_1" onSignedOut={() => {}} />);
    await screen.findByTestId('editor-page');
    stored = loading;

    fireEvent.change(screen.getByTestId('field-workflow-name'), { target: { value: 'My name' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('btn-save'));
    });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('This workflow was changed elsewhere (version 3)');
    expect(puts).toEqual([{ ifMatch: '"2"', name: 'My name' }]);
    expect(stored.name).toBe('Their name');

    // Overwrite with mine: saved over version 3, consciously.
    await act(async () => {
      fireEvent.click(screen.getByTestId('conflict-overwrite'));
    });
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('v4'));
    expect(puts[1]).toEqual({ ifMatch: '"3"', name: 'My name' });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    // Someone saves again; this time, reload theirs: the editor shows their version, mine is gone.
    stored = { ...stored, name: 'Theirs again', version: 5 };
    fireEvent.change(screen.getByTestId('field-workflow-name'), { target: { value: 'Mine again' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('btn-save'));
    });
    await screen.findByRole('alertdialog');
    await act(async () => {
      fireEvent.click(screen.getByTestId('conflict-reload'));
    });
    await waitFor(() => expect((screen.getByTestId('field-workflow-name') as HTMLInputElement).value).toBe('Theirs again'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(localStorage.getItem('switchyard.draft.wf_1')).toBeNull();
  });

  it('adds a node from the palette; save is blocked with a reason until it is connected', async () => {
    const server = fakeServer();
    render(<EditorPage api={createApi(server.fetch)} workflowId="wf_1" onSignedOut={() => {}} />);
    await screen.findByTestId('editor-page');
    fireEvent.click(screen.getByTestId('palette-delay'));
    // The new node is selected: the inspector shows its params (the form comes with the checks, loaded on demand).
    expect((screen.getByTestId('field-id') as HTMLInputElement).value).toBe('delay');
    expect(((await screen.findByTestId('field-ms')) as HTMLInputElement).value).toBe('1000');
    const save = screen.getByTestId('btn-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await waitFor(() => expect(screen.getByTestId('save-reason').textContent).toMatch(/Fix 1 problem/));
    // Undo with the keyboard removes it again.
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(screen.getByTestId('problems-none')).toBeTruthy();
  });

  it('starts a new workflow with the examples offered', async () => {
    const server = fakeServer();
    render(<EditorPage api={createApi(server.fetch)} workflowId={null} onSignedOut={() => {}} />);
    await screen.findByTestId('empty-canvas');
    fireEvent.click(screen.getByTestId('example-order-saga'));
    // The example is parsed by the checks, loaded on demand (already loaded here): a moment later.
    await waitFor(() => expect(screen.queryByTestId('empty-canvas')).toBeNull());
    expect(screen.getByTestId('problems-none')).toBeTruthy();
  });
});
