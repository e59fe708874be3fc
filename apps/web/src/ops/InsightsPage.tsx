import { useCallback, useState } from 'react';
import type { Advice, OpsApi } from './ops-api';
import { opsErrorMessage } from './ops-api';
import { formatTime, shortRunId, useLoaded } from './useLoaded';

const WINDOWS = ['1h', '24h', '7d'] as const;

/** What the failure history teaches: advice with its figures (applied as a new version), and failures grouped by signature. */
export function InsightsPage({ api, runHref, workflowHref }: { api: OpsApi; runHref: (runId: string) => string; workflowHref: (workflowId: string) => string }) {
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>('24h');
  const load = useCallback(() => api.insights(window), [api, window]);
  const { data, error, loading, reload } = useLoaded(load);
  const [applied, setApplied] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<string | null>(null);

  const apply = async (advice: Advice): Promise<void> => {
    setActionError(null);
    try {
      const result = await api.applyAdvice(advice.id);
      setApplied((a) => ({ ...a, [advice.id]: `saved as version ${result.workflow.version}` }));
      reload();
    } catch (err) {
      setActionError(opsErrorMessage(err));
    }
  };

  return (
    <main className="ops-page" data-testid="insights-page">
      <header className="ops-page__head">
        <h1>Insights</h1>
        <label>
          Over the last{' '}
          <select value={window} onChange={(e) => setWindow(e.target.value as (typeof WINDOWS)[number])}>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        {data && <span className="muted">{data.runs} runs{data.sampled ? ' (the newest, sampled)' : ''}</span>}
      </header>
      {(error ?? actionError) && <p className="ops-error" role="alert">{error ?? actionError}</p>}
      {loading && data === undefined && <p className="muted">Reading run history…</p>}
      <h2>Advice</h2>
      {data?.advice.length === 0 && <p className="ops-empty">No advice: nothing in this window's history calls for a change.</p>}
      <ul className="ops-cards">
        {(data?.advice ?? []).map((advice) => (
          <li key={advice.id} className="ops-card" data-testid={`advice-${advice.kind}`}>
            <div className="ops-card__head">
              <strong>{advice.title}</strong>
              <span className="toolbar__spacer" />
              <a href={workflowHref(advice.workflowId)} className="muted">
                {advice.workflowId} v{advice.version}
              </a>
              {advice.change ? (
                <button type="button" className="btn btn--primary" onClick={() => void apply(advice)} data-testid="btn-apply">
                  Apply as a new version
                </button>
              ) : (
                <span className="ops-chip">needs a person</span>
              )}
            </div>
            <p className="muted">{advice.evidence}</p>
          </li>
        ))}
      </ul>
      {Object.entries(applied).map(([id, text]) => (
        <p key={id} className="ops-ok" role="status" data-testid="advice-applied">
          Applied {id.split(':')[0]?.replace('_', ' ')} to {id.split(':')[1]}: {text}.
        </p>
      ))}
      <h2>Failures by signature</h2>
      {data?.clusters.length === 0 && <p className="ops-empty">No failures in this window.</p>}
      {data && data.clusters.length > 0 && (
        <table className="ops-table" data-testid="clusters">
          <thead>
            <tr>
              <th>Count</th>
              <th>Where</th>
              <th>What</th>
              <th>Last seen</th>
              <th>Runs</th>
            </tr>
          </thead>
          <tbody>
            {data.clusters.map((c) => (
              <tr key={`${c.signature.workflowId}-${c.signature.nodeId}-${c.signature.category}-${c.signature.httpStatus}-${c.signature.message}`}>
                <td>{c.count}</td>
                <td>
                  <a href={workflowHref(c.signature.workflowId)}>{c.signature.workflowId}</a> › {c.signature.nodeId}
                  {c.signature.integration && <span className="muted"> ({c.signature.integration})</span>}
                </td>
                <td>
                  <span className="ops-chip">{c.signature.category}</span>
                  {c.signature.httpStatus !== null && <span className="ops-chip">HTTP {c.signature.httpStatus}</span>} <span title={c.example}>{c.signature.message}</span>
                </td>
                <td>{formatTime(c.lastSeen)}</td>
                <td>
                  {c.sampleRunIds.map((id) => (
                    <a key={id} href={runHref(id)} className="ops-run-link">
                      {shortRunId(id)}
                    </a>
                  ))}{' '}
                  <span className="muted">{c.runs} in all</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
