import { useState } from 'react';
import { ApiError, errorMessage, type Api, type ImportReport } from '../api';

/** What an import did or would do, in one line. */
export function importSummary(report: ImportReport): string {
  const head = `${report.created} created, ${report.unchanged} unchanged, ${report.conflicts} ${report.conflicts === 1 ? 'conflict' : 'conflicts'}`;
  return report.missingCredentials.length > 0 ? `${head}; credentials to create again: ${report.missingCredentials.join(', ')}` : head;
}

/** The refusal of a bad bundle: its message and where each issue is. */
function refusal(error: unknown): string[] {
  if (error instanceof ApiError && error.body.details?.issues) return [error.message, ...error.body.details.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`)];
  return [errorMessage(error)];
}

type State = { step: 'idle' } | { step: 'checked'; bundle: unknown; report: ImportReport } | { step: 'done'; report: ImportReport } | { step: 'failed'; lines: string[] };

/**
 * Export (a download of GET /api/export) and import: the file picked is checked with a dry run
 * first, and written only when confirmed. Conflicts are reported, never overwritten.
 */
export function BundleButtons({ api, onImported }: { api: Api; onImported: () => void }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text()) as unknown;
    } catch {
      setState({ step: 'failed', lines: [`${file.name} is not a JSON file`] });
      return;
    }
    try {
      setState({ step: 'checked', bundle, report: await api.importBundle(bundle, true) });
    } catch (error) {
      setState({ step: 'failed', lines: refusal(error) });
    }
  };
  const confirm = async (bundle: unknown): Promise<void> => {
    try {
      setState({ step: 'done', report: await api.importBundle(bundle, false) });
      onImported();
    } catch (error) {
      setState({ step: 'failed', lines: refusal(error) });
    }
  };
  return (
    <div className="bundle-buttons" data-testid="bundle-buttons">
      <a className="btn" href="/api/export" download data-testid="btn-export">
        Export
      </a>
      <label className="btn">
        Import…
        <input type="file" accept="application/json,.json" hidden data-testid="input-import" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {state.step === 'checked' && (
        <p role="status" data-testid="import-check">
          Checked (nothing written yet): {importSummary(state.report)}.{' '}
          <button type="button" className="btn btn--primary" onClick={() => void confirm(state.bundle)} data-testid="btn-import-confirm">
            Import
          </button>{' '}
          <button type="button" className="btn" onClick={() => setState({ step: 'idle' })}>
            Cancel
          </button>
        </p>
      )}
      {state.step === 'done' && (
        <p role="status" data-testid="import-done">
          Imported: {importSummary(state.report)}.
          {state.report.items
            .filter((i) => i.outcome === 'conflict')
            .map((i) => (
              <span key={`${i.kind}/${i.id}`} className="field__error">
                {' '}
                {i.kind} {i.id}: {i.detail}
              </span>
            ))}
        </p>
      )}
      {state.step === 'failed' && (
        <div className="field__error" role="alert" data-testid="import-failed">
          {state.lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
    </div>
  );
}
