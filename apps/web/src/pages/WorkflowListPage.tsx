import { useCallback, useEffect, useState } from 'react';
import { errorMessage, type Api, type WorkflowSummary } from '../api';
import { hrefFor } from '../router';
import { BundleButtons } from './BundleButtons';
import { readDraft, browserStorage } from '../store/drafts';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; items: WorkflowSummary[] };

export function WorkflowListPage({ api, onSignedOut }: { api: Api; onSignedOut: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [actionError, setActionError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const { items } = await api.listWorkflows();
      setLoad({ state: 'ready', items });
    } catch (err) {
      if (errorMessage(err).startsWith('You are signed out')) return onSignedOut();
      setLoad({ state: 'error', message: errorMessage(err) });
    }
  }, [api, onSignedOut]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const remove = async (item: WorkflowSummary): Promise<void> => {
    if (!window.confirm(`Delete "${item.name}"? Its versions and runs stay readable.`)) return;
    try {
      await api.deleteWorkflow(item.id);
      await refresh();
    } catch (err) {
      setActionError(errorMessage(err));
    }
  };
  const storage = browserStorage();
  const newDraft = readDraft(storage, null);

  return (
    <main className="list-page" data-testid="workflow-list-page">
      <header className="list-page__header">
        <h1>Workflows</h1>
        <a className="btn btn--primary" href={hrefFor({ page: 'editor', id: null })} data-testid="btn-create">
          {newDraft ? 'Continue new workflow (unsaved)' : 'New workflow'}
        </a>
      </header>
      <BundleButtons api={api} onImported={() => void refresh()} />
      {actionError && <p className="field__error" role="alert">{actionError}</p>}
      {load.state === 'loading' && <p className="muted">Loading workflows…</p>}
      {load.state === 'error' && (
        <p className="field__error" role="alert">
          {load.message}{' '}
          <button type="button" className="btn" onClick={() => void refresh()}>
            Try again
          </button>
        </p>
      )}
      {load.state === 'ready' && load.items.length === 0 && (
        <div className="empty" data-testid="list-empty">
          <p>No workflows yet. Create one; the editor offers examples to start from.</p>
        </div>
      )}
      {load.state === 'ready' && load.items.length > 0 && (
        <table className="workflow-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Version</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {load.items.map((item) => (
              <tr key={item.id} data-testid={`workflow-row-${item.id}`}>
                <td>
                  <a href={hrefFor({ page: 'editor', id: item.id })} data-testid={`open-${item.id}`}>
                    {item.name}
                  </a>
                  {readDraft(storage, item.id) && <span className="badge badge--draft" title="Unsaved changes in this browser"> draft</span>}
                </td>
                <td>{item.active ? <span className="badge badge--active" data-testid="badge-active">● active</span> : <span className="badge badge--inactive">○ inactive</span>}</td>
                <td>v{item.version}</td>
                <td>{new Date(item.updatedAt).toLocaleString()}</td>
                <td>
                  <button type="button" className="btn btn--danger" onClick={() => void remove(item)} data-testid={`btn-delete-${item.id}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
