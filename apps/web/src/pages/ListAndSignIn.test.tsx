import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createApi, type Fetch } from '../api';
import { SignInPage } from './SignInPage';
import { WorkflowListPage } from './WorkflowListPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
beforeEach(() => localStorage.clear());

const json = (status: number, body?: unknown): Response => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('SignInPage', () => {
  it('signs in with an API key', async () => {
    const calls: string[] = [];
    const fetchImpl: Fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)} ${String(init?.body)}`);
      return json(204);
    };
    const onSignedIn = vi.fn();
    render(<SignInPage api={createApi(fetchImpl)} onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByTestId('field-apiKey'), { target: { value: ' key-1 ' } });
    fireEvent.click(screen.getByTestId('btn-signin'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls).toEqual(['POST /api/session {"apiKey":"key-1"}']);
  });

  it('says what to do when the key is refused', async () => {
    const fetchImpl: Fetch = async () => json(401, { error: { code: 'unauthorized', message: 'no' } });
    render(<SignInPage api={createApi(fetchImpl)} onSignedIn={() => {}} />);
    fireEvent.change(screen.getByTestId('field-apiKey'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByTestId('btn-signin'));
    expect((await screen.findByTestId('signin-error')).textContent).toContain('api-key create');
  });
});

describe('WorkflowListPage', () => {
  it('lists workflows with an active badge and deletes one', async () => {
    let items = [
      { id: 'a', name: 'Alpha', version: 2, active: true, updatedAt: '2026-01-01T00:00:00Z' },
      { id: 'b', name: 'Beta', version: 1, active: false, updatedAt: '2026-01-02T00:00:00Z' },
    ];
    const calls: string[] = [];
    const fetchImpl: Fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)}`);
      if (init?.method === 'DELETE') {
        items = items.filter((i) => `/api/workflows/${i.id}` !== String(input));
        return json(204);
      }
      return json(200, { items });
    };
    // happy-dom has no window.confirm: the page's confirmation is stubbed to "yes".
    vi.stubGlobal('confirm', () => true);
    render(<WorkflowListPage api={createApi(fetchImpl)} onSignedOut={() => {}} />);
    await screen.findByTestId('workflow-row-a');
    expect(screen.getByTestId('workflow-row-a').querySelector('[data-testid="badge-active"]')).not.toBeNull();
    expect(screen.getByTestId('workflow-row-b').querySelector('[data-testid="badge-active"]')).toBeNull();
    expect(screen.getByTestId('open-a').getAttribute('href')).toBe('#/workflows/a');
    fireEvent.click(screen.getByTestId('btn-delete-a'));
    await waitFor(() => expect(screen.queryByTestId('workflow-row-a')).toBeNull());
    expect(calls).toContain('DELETE /api/workflows/a');
  });

  it('sends a signed-out user back to sign-in', async () => {
    const onSignedOut = vi.fn();
    render(<WorkflowListPage api={createApi(async () => json(401, { error: { code: 'unauthorized', message: 'no' } }))} onSignedOut={onSignedOut} />);
    await waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });
});
