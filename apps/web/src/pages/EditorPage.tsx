import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { authoredPart, errorMessage, type Api } from '../api';
import { Canvas } from '../canvas/Canvas';
import type { IssueTarget } from '../graph/issues';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { ProblemsList } from '../problems/ProblemsList';
import { navigate } from '../router';
import { browserStorage } from '../store/drafts';
import { EditorProvider, useEditor, useEditorStore } from '../store/EditorContext';
import { createEditorStore, type EditorStore } from '../store/editorStore';
import { saveWorkflow } from '../editor/save';
import { Toolbar } from '../editor/Toolbar';
import { useEditorShortcuts, useWarnBeforeLeaving } from '../editor/useEditorShortcuts';
import { selectProblems, selectRestoredDraft } from '../store/selectors';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; store: EditorStore };

/** Loads the stored workflow (or starts a new one), then opens an editor with its own store. */
export function EditorPage({ api, workflowId, onSignedOut }: { api: Api; workflowId: string | null; onSignedOut: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const current = useRef<EditorStore | null>(null);
  // Bumped to open the stored version afresh (after a save conflict, "Reload theirs").
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => {
    current.current?.getState().discardDraft();
    current.current = null;
    setReloads((n) => n + 1);
  }, []);
  useEffect(() => {
    // A new workflow that was just saved gets its id in the address: keep editing in the same
    // store (history, selection, the "saved" message) instead of reloading it.
    if (workflowId !== null && current.current?.getState().server.id === workflowId) return;
    let cancelled = false;
    setLoad({ state: 'loading' });
    if (workflowId === null) {
      const store = createEditorStore({ storage: browserStorage() });
      current.current = store;
      setLoad({ state: 'ready', store });
      return;
    }
    api.getWorkflow(workflowId).then(
      (stored) => {
        if (cancelled) return;
        const store = createEditorStore({ server: { id: stored.id, version: stored.version, active: stored.active }, workflow: authoredPart(stored), storage: browserStorage() });
        current.current = store;
        setLoad({ state: 'ready', store });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (errorMessage(error).startsWith('You are signed out')) return onSignedOut();
        setLoad({ state: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, workflowId, onSignedOut, reloads]);

  if (load.state === 'loading') return <p className="muted page-message">Opening the workflow…</p>;
  if (load.state === 'error')
    return (
      <p className="field__error page-message" role="alert">
        {load.message} <a href="#/workflows">Back to the workflows</a>
      </p>
    );
  return (
    <EditorProvider store={load.store}>
      <ReactFlowProvider>
        <EditorShell api={api} onReload={reload} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}

function EditorShell({ api, onReload }: { api: Api; onReload: () => void }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const problems = useEditor(selectProblems);
  const restoredDraft = useEditor(selectRestoredDraft);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  const [conflict, setConflict] = useState<{ currentVersion: number } | null>(null);
  const onMessage = useCallback((text: string, kind: 'info' | 'error') => setMessage({ text, kind }), []);
  const fitView = useCallback(() => void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1 }), [flow]);

  const save = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    const outcome = await saveWorkflow(api, store);
    setBusy(false);
    if (!outcome.ok && outcome.conflict) {
      setMessage(null);
      return setConflict(outcome.conflict);
    }
    setConflict(null);
    if (!outcome.ok) return onMessage(outcome.message, 'error');
    onMessage(outcome.warnings.length > 0 ? `Saved, with warnings: ${outcome.warnings.join('; ')}` : `Saved as version ${store.getState().server.version ?? ''}.`, 'info');
    if (outcome.created) navigate({ page: 'editor', id: outcome.id }, true);
  }, [api, store, busy, onMessage]);

  const toggleActive = useCallback(async () => {
    const { server } = store.getState();
    if (server.id === null) return;
    setBusy(true);
    try {
      if (server.active) await api.deactivate(server.id);
      else await api.activate(server.id);
      store.getState().setActive(!server.active);
      onMessage(server.active ? 'Deactivated: webhooks and schedules no longer start runs.' : 'Active: webhooks and schedules start runs.', 'info');
    } catch (error) {
      onMessage(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }, [api, store, onMessage]);

  const actions = useMemo(() => ({ save: () => void save(), fitView }), [save, fitView]);
  useEditorShortcuts(store, actions);
  useWarnBeforeLeaving(store);

  const selectTarget = useCallback(
    (target: IssueTarget) => {
      if (target.kind === 'node') {
        store.getState().select({ nodes: [target.id], edges: [] });
        void flow.fitView({ nodes: [{ id: target.id }], duration: 200, maxZoom: 1.2 });
      } else if (target.kind === 'edge') {
        store.getState().select({ nodes: [], edges: [target.id] });
      }
    },
    [store, flow],
  );

  return (
    <div className="editor" data-testid="editor-page">
      <Toolbar onSave={() => void save()} onToggleActive={() => void toggleActive()} onFitView={fitView} onMessage={onMessage} busy={busy} />
      {restoredDraft && (
        <div className="banner banner--info" data-testid="draft-banner">
          Unsaved changes from an earlier session were restored.{' '}
          <button type="button" className="link" onClick={() => window.confirm('Discard the unsaved changes and reload the stored version?') && discardDraft(store)}>
            Discard them
          </button>
        </div>
      )}
      {conflict && (
        <div className="banner banner--error" role="alertdialog" aria-labelledby="conflict-text" data-testid="save-conflict">
          <span id="conflict-text">
            This workflow was changed elsewhere (version {conflict.currentVersion}). Your changes are not saved; they are kept in this browser.
          </span>{' '}
          <button type="button" className="link" data-testid="conflict-reload" onClick={onReload}>
            Reload theirs (discard mine)
          </button>{' '}
          <button
            type="button"
            className="link"
            data-testid="conflict-overwrite"
            onClick={() => {
              // Save again over the version now stored: a conscious overwrite of their change.
              store.setState({ server: { ...store.getState().server, version: conflict.currentVersion } });
              void save();
            }}
          >
            Overwrite with mine
          </button>
        </div>
      )}
      {message && (
        <div className={`banner banner--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="editor-message">
          {message.text}{' '}
          <button type="button" className="link" onClick={() => setMessage(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <div className="editor__body">
        <Palette />
        <Canvas />
        <Inspector />
      </div>
      <ProblemsList problems={problems} onSelect={selectTarget} />
    </div>
  );
}

/** Drops the draft and reloads the page, which opens the stored version. */
function discardDraft(store: EditorStore): void {
  store.getState().discardDraft();
  window.location.reload();
}
