import { useRef } from 'react';
import { useEditor, useEditorStore } from '../store/EditorContext';
import { activateBlockedReason, saveBlockedReason } from './save';
import { loadChecks } from '../checks/loadChecks';
import { downloadWorkflow } from './fileio';
import { selectCanRedo, selectCanUndo, selectDirty, selectName, selectServer, selectValidation } from '../store/selectors';

export interface ToolbarProps {
  onSave: () => void;
  onToggleActive: () => void;
  onFitView: () => void;
  onMessage: (message: string, kind: 'info' | 'error') => void;
  busy: boolean;
}

/** Buttons that explain themselves: a disabled button says why in its tooltip and next to it. */
export function Toolbar({ onSave, onToggleActive, onFitView, onMessage, busy }: ToolbarProps) {
  const store = useEditorStore();
  const validation = useEditor(selectValidation);
  const dirty = useEditor(selectDirty);
  const server = useEditor(selectServer);
  const name = useEditor(selectName);
  const canUndo = useEditor(selectCanUndo);
  const canRedo = useEditor(selectCanRedo);
  const fileInput = useRef<HTMLInputElement>(null);
  const saveReason = saveBlockedReason({ validation, dirty, server });
  const activateReason = activateBlockedReason({ dirty, server });

  const onImport = async (file: File): Promise<void> => {
    const [text, checks] = await Promise.all([file.text(), loadChecks()]);
    const result = checks.parseWorkflowFile(text);
    if (!result.ok) return onMessage(result.message, 'error');
    store.getState().replaceWorkflow(result.workflow);
    onMessage(`Imported "${result.workflow.name}". Save to store it.`, 'info');
    setTimeout(onFitView, 50);
  };

  return (
    <div className="toolbar" role="toolbar" data-testid="toolbar">
      <a className="btn btn--ghost" href="#/workflows" data-testid="btn-back">
        ← Workflows
      </a>
      <span className="toolbar__name" title={name}>
        {name}
      </span>
      <span className="toolbar__status" data-testid="save-status">
        {server.version !== null && <span className="muted">v{server.version}</span>} {dirty ? <span className="status-dirty">● unsaved</span> : <span className="status-ok">saved</span>}{' '}
        {server.active ? <span className="badge badge--active">● active</span> : server.id !== null ? <span className="badge badge--inactive">○ inactive</span> : null}
      </span>
      <span className="toolbar__spacer" />
      <button type="button" className="btn" onClick={() => store.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="btn-undo">
        ↶ Undo
      </button>
      <button type="button" className="btn" onClick={() => store.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Y)" data-testid="btn-redo">
        ↷ Redo
      </button>
      <button type="button" className="btn" onClick={() => void store.getState().layout().then(() => setTimeout(onFitView, 50))} title="Main path left to right, failure plan below" data-testid="btn-layout">
        ⇶ Auto-layout
      </button>
      <button type="button" className="btn" onClick={onFitView} title="Fit view (F)" data-testid="btn-fit">
        ⤢ Fit
      </button>
      <button type="button" className="btn" onClick={() => fileInput.current?.click()} data-testid="btn-import" title="Open a workflow JSON file">
        Import
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="input-import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void onImport(file);
          e.target.value = '';
        }}
      />
      <button type="button" className="btn" onClick={() => downloadWorkflow(store.getState().workflow)} data-testid="btn-export" title="Download the workflow JSON">
        Export
      </button>
      <button type="button" className="btn" onClick={onToggleActive} disabled={busy || activateReason !== null} title={activateReason ?? (server.active ? 'Stop answering webhooks and schedules' : 'Answer webhooks and schedules')} data-testid="btn-activate">
        {server.active ? 'Deactivate' : 'Activate'}
      </button>
      <button type="button" className="btn btn--primary" onClick={onSave} disabled={busy || saveReason !== null} title={saveReason ?? 'Save (Ctrl+S)'} data-testid="btn-save">
        {busy ? 'Saving…' : 'Save'}
      </button>
      {saveReason !== null && !validation.ok && (
        <span className="toolbar__reason" data-testid="save-reason">
          {saveReason}
        </span>
      )}
    </div>
  );
}
