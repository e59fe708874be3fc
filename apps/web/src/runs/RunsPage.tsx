import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunListFilter, RunsApi } from './runs-api';
import { createRunsApi, runsErrorMessage } from './runs-api';
import { formatDuration, runDurationMs, runLook } from './run-model';
import { SINCE_PRESETS, anyLive, historyLine, localInputToIso, mergeFirstPage, sinceIso, type SincePreset } from './runs-list-model';
import { StatusBadge } from './StatusBadge';
import { RunLink, type Navigate } from './RunBanner';
import type { RunCounts, RunHistory, RunStatus, RunSummary } from './types';
import { RUN_STATUSES } from './types';
import { useNow } from './useRun';
import { runPath } from './routes';
import './runs.css';

const defaultApi = createRunsApi();
const PAGE = 50;
/** How often the list refreshes while a run in it is live. */
export const LIVE_REFRESH_MS = 4000;

type StatusFilter = RunStatus | 'degraded' | 'all';

export interface RunsPageProps {
  /** Only the runs of this workflow. */
  workflowId?: string;
  navigate?: Navigate;
  api?: RunsApi;
}

/** Run history: counts per status, filters, newest first, "load more", live refresh. */
export function RunsPage({ workflowId, navigate, api = defaultApi }: RunsPageProps) {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [since, setSince] = useState<SincePreset>('any');
  const [until, setUntil] = useState('');
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<RunCounts | null>(null);
  const [history, setHistory] = useState<RunHistory | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const live = anyLive(runs);
  const now = useNow(live);
  // The filter as of the last load: time presets are resolved once per load, not per render.
  const filterRef = useRef<RunListFilter>({});

  const buildFilter = useCallback((): RunListFilter => {
    const f: RunListFilter = { limit: PAGE };
    if (workflowId) f.workflowId = workflowId;
    if (status === 'degraded') f.degraded = true;
    else if (status !== 'all') f.status = status;
    const s = sinceIso(since, Date.now());
    if (s) f.since = s;
    const u = localInputToIso(until);
    if (u) f.until = u;
    return f;
  }, [workflowId, status, since, until]);

  const loadCounts = useCallback(
    (filter: RunListFilter) => {
      api.counts({ ...(filter.workflowId ? { workflowId: filter.workflowId } : {}), ...(filter.since ? { since: filter.since } : {}) }).then(setCounts, () => {
        // Counts are a summary; the list below still says what failed.
      });
    },
    [api],
  );

  useEffect(() => {
    let stale = false;
    const filter = buildFilter();
    filterRef.current = filter;
    setLoading(true);
    api.listRuns(filter).then(
      (page) => {
        if (stale) return;
        setRuns(page.items);
        setCursor(page.nextCursor);
        setHistory(page.history ?? null);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (stale) return;
        setError(runsErrorMessage(e));
        setLoading(false);
      },
    );
    loadCounts(filter);
    return () => {
      stale = true;
    };
  }, [api, buildFilter, loadCounts]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      const filter = filterRef.current;
      api.listRuns(filter).then(
        (page) => setRuns((current) => mergeFirstPage(current, page.items)),
        () => {
          // A missed refresh is retried at the next tick.
        },
      );
      loadCounts(filter);
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, api, loadCounts]);

  async function loadMore(): Promise<void> {
    if (cursor === null) return;
    setLoading(true);
    try {
      const page = await api.listRuns({ ...filterRef.current, cursor });
      setRuns((current) => {
        const known = new Set(current.map((r) => r.id));
        return [...current, ...page.items.filter((r) => !known.has(r.id))];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(runsErrorMessage(e));
    } finally {
      setLoading(false);
    }
  }

  const open = (runId: string) => {
    const path = runPath(runId);
    if (navigate) navigate(path);
    else window.location.assign(path);
  };

  return (
    <div className="runs-page" data-testid="runs-page">
      <h2>Runs</h2>
      {history && (
        <p className="runs-history" data-testid="runs-history">
          {historyLine(history)}
        </p>
      )}
      {counts && (
        <div className="runs-counts" data-testid="runs-counts">
          {[...RUN_STATUSES, 'degraded' as const].map((s) => (
            <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(status === s ? 'all' : s)} data-testid={`runs-count-${s}`} title={`Show only ${s} runs`}>
              <StatusBadge look={s === 'degraded' ? { ...runLook('succeeded', true), word: 'degraded' } : runLook(s)} /> {counts[s]}
            </button>
          ))}
        </div>
      )}
      <div className="runs-filters">
        <label>
          status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} data-testid="runs-filter-status">
            <option value="all">all</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {runLook(s).word}
              </option>
            ))}
            <option value="degraded">degraded</option>
          </select>
        </label>
        <label>
          started{' '}
          <select value={since} onChange={(e) => setSince(e.target.value as SincePreset)} data-testid="runs-filter-since">
            {SINCE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          before <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="runs-filter-until" />
        </label>
        {live && <span className="run-muted">live: refreshing every {LIVE_REFRESH_MS / 1000} s</span>}
      </div>
      {error && (
        <p role="alert" className="run-result--error">
          {error}
        </p>
      )}
      {!loading && !error && runs.length === 0 && <p className="run-muted">No runs match. Start one from a workflow (Run), or widen the filters.</p>}
      {runs.length > 0 && (
        <table className="runs-table">
          <thead>
            <tr>
              <th>status</th>
              <th>workflow</th>
              <th>trigger</th>
              <th>started</th>
              <th>duration</th>
              <th>run</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid={`runs-row-${r.id}`} data-status={r.status} onClick={() => open(r.id)}>
                <td>
                  <StatusBadge look={runLook(r.status, r.degraded)} />
                </td>
                <td>
                  {r.workflowId} v{r.workflowVersion}
                </td>
                <td>{r.trigger.kind}</td>
                <td>{r.startedAt ? new Date(r.startedAt).toLocaleString() : '–'}</td>
                <td>{formatDuration(runDurationMs(r, now))}</td>
                <td onClick={(e) => e.stopPropagation()}>
                  <RunLink runId={r.id} navigate={navigate}>
                    {r.id}
                  </RunLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== null && (
        <button type="button" disabled={loading} onClick={() => void loadMore()} data-testid="runs-load-more">
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
