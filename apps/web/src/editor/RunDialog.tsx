import { useId, useState } from 'react';
import { errorMessage, type Api } from '../api';
import { parseJsonText } from '../inspector/schemaFields';
import { runPath } from '../runs/routes';

export interface RunDialogProps {
  api: Api;
  workflowId: string;
  onClose: () => void;
}

/**
 * Starts a manual run of the stored version with a JSON input (`$trigger.body`), then opens it.
 * An empty input is `{}`: most manual workflows read fields of it, and `{}` is what a click means.
 */
export function RunDialog({ api, workflowId, onClose }: RunDialogProps) {
  const id = useId();
  const [text, setText] = useState('{}');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = text.trim() === '' ? ({ ok: true, value: {} } as const) : parseJsonText(text);

  const start = async (): Promise<void> => {
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    try {
      const { runId } = await api.startRun(workflowId, parsed.value);
      window.location.hash = `#${runPath(runId)}`;
    } catch (e) {
      setError(`The run did not start: ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  return (
    <div className="banner banner--info run-dialog" role="dialog" aria-labelledby={`${id}-title`} data-testid="run-dialog">
      <strong id={`${id}-title`}>Run the stored version</strong>
      <label htmlFor={id} className="field__label">
        Input (JSON, read as <code>$trigger.body</code>)
      </label>
      <textarea id={id} className="input input--mono" rows={4} value={text} data-testid="run-input" aria-invalid={parsed.ok ? undefined : true} onChange={(e) => setText(e.target.value)} />
      {!parsed.ok && (
        <div className="field__error" role="alert">
          Not valid JSON yet: {parsed.message}
        </div>
      )}
      {error && (
        <div className="field__error" role="alert" data-testid="run-error">
          {error}
        </div>
      )}
      <div className="run-dialog__actions">
        <button type="button" className="btn btn--primary" disabled={busy || !parsed.ok} onClick={() => void start()} data-testid="run-start">
          {busy ? 'Starting…' : 'Start run'}
        </button>
        <button type="button" className="btn" onClick={onClose} data-testid="run-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
