import { useCallback, useState, type ReactNode } from 'react';
import { BreakerBadge } from './BreakerBadge';
import { IntegrationForm } from './IntegrationForm';
import type { Integration, IntegrationHealth, OpsApi } from './ops-api';
import { formatMs, formatPercent, formatTime, useLoaded } from './useLoaded';

/** How often the page refreshes: health is the point of looking at it. */
export const HEALTH_REFRESH_MS = 5000;

interface Row {
  integration: Integration;
  health: IntegrationHealth | undefined;
}

/** Every integration's health over the last hour: breaker, failure and retry rates, latency, errors by category. */
export function IntegrationsPage({ api }: { api: OpsApi }) {
  const load = useCallback(async (): Promise<Row[]> => {
    const integrations = await api.integrations();
    return Promise.all(integrations.map(async (integration) => ({ integration, health: await api.health(integration.id).catch(() => undefined) })));
  }, [api]);
  const { data, error, loading, reload } = useLoaded(load, HEALTH_REFRESH_MS);
  const [open, setOpen] = useState<string | null>(null);
  // The integration being edited: 'new' while registering one.
  const [editing, setEditing] = useState<string | null>(null);
  const saved = (integration: Integration): void => {
    setEditing(null);
    setOpen(integration.id);
    reload();
  };

  return (
    <main className="ops-page" data-testid="integrations-page">
      <header className="ops-page__head">
        <h1>Integrations</h1>
        <span className="muted">health over the last hour, refreshed every {HEALTH_REFRESH_MS / 1000} s</span>
        <span className="toolbar__spacer" />
        {editing === null && (
          <button type="button" className="btn btn--primary" onClick={() => setEditing('new')} data-testid="integration-new">
            Register an integration
          </button>
        )}
      </header>
      {editing === 'new' && <IntegrationForm api={api} onSaved={saved} onCancel={() => setEditing(null)} />}
      {error && <p className="ops-error" role="alert">{error}</p>}
      {loading && data === undefined && <p className="muted">Loading integrations…</p>}
      {data?.length === 0 && editing === null && (
        <p className="ops-empty">No integrations yet. Register one: workflow nodes that name it share its breaker, retry budget, rate limit and bulkhead, and its health shows here.</p>
      )}
      {data && data.length > 0 && (
        <table className="ops-table">
          <thead>
            <tr>
              <th>Integration</th>
              <th>Breaker</th>
              <th>Calls</th>
              <th>Failing</th>
              <th>Retries</th>
              <th>p95</th>
              <th>Errors by category</th>
            </tr>
          </thead>
          <tbody>
            {data.map(({ integration, health }) => (
              <IntegrationRow
                key={integration.id}
                integration={integration}
                health={health}
                open={open === integration.id}
                onToggle={() => setOpen(open === integration.id ? null : integration.id)}
                editor={editing === integration.id ? <IntegrationForm api={api} integration={integration} onSaved={saved} onCancel={() => setEditing(null)} /> : null}
                onEdit={() => setEditing(integration.id)}
              />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function IntegrationRow({ integration, health, open, onToggle, editor, onEdit }: Row & { open: boolean; onToggle: () => void; editor: ReactNode; onEdit: () => void }) {
  return (
    <>
      <tr data-testid={`integration-${integration.id}`} className={health?.breaker.state === 'open' ? 'ops-row--alarm' : undefined}>
        <td>
          <button type="button" className="btn btn--ghost" onClick={onToggle} aria-expanded={open}>
            {open ? '▾' : '▸'} <strong>{integration.name}</strong> <span className="muted">{integration.id}</span>
          </button>
        </td>
        <td>{health ? <BreakerBadge state={health.breaker.state} enabled={health.breaker.enabled} /> : '–'}</td>
        <td>{health?.calls ?? '–'}</td>
        <td className={health && health.failureRate >= 0.2 ? 'ops-bad' : undefined}>{health ? formatPercent(health.failureRate) : '–'}</td>
        <td>{health ? formatPercent(health.retryRate) : '–'}</td>
        <td>{formatMs(health?.latencyMs.p95 ?? null)}</td>
        <td>
          {health &&
            Object.entries(health.errorsByCategory).map(([category, n]) => (
              <span key={category} className="ops-chip" data-testid={`errors-${category}`}>
                {category} {n}
              </span>
            ))}
        </td>
      </tr>
      {editor && (
        <tr className="ops-detail">
          <td colSpan={7}>{editor}</td>
        </tr>
      )}
      {open && !editor && health && (
        <tr className="ops-detail">
          <td colSpan={7}>
            <button type="button" className="btn" onClick={onEdit} data-testid={`integration-edit-${integration.id}`}>
              Change settings
            </button>
            <div className="ops-detail__grid">
              <section>
                <h3>Breaker</h3>
                <p>
                  <BreakerBadge state={health.breaker.state} enabled={health.breaker.enabled} /> since {formatTime(health.breaker.since)}
                  {health.breaker.retryAt && <> · probes from {formatTime(health.breaker.retryAt)}</>}
                </p>
                <p className="muted">
                  window: {health.breaker.window.failures} of {health.breaker.window.calls} calls failed; {health.breaker.consecutiveFailures} in a row
                </p>
                {health.breaker.history.length === 0 ? (
                  <p className="muted">No changes in the last hour.</p>
                ) : (
                  <ol className="ops-history" data-testid="breaker-history">
                    {health.breaker.history.map((t) => (
                      <li key={`${t.at}-${t.to}`}>
                        {formatTime(t.at)}: {t.from.replace('_', '-')} → <strong>{t.to.replace('_', '-')}</strong> <span className="muted">({t.reason})</span>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
              <section>
                <h3>Protections</h3>
                <p>Base URL {integration.baseUrl}</p>
                <p>Timeout {integration.timeoutMs === null ? 'node default' : formatMs(integration.timeoutMs)}</p>
                <p>Bulkhead {health.bulkhead ? `${health.bulkhead.inFlight} of ${health.bulkhead.maxConcurrent} in flight, ${health.bulkhead.waiting} waiting` : 'none'}</p>
                <p>Rate limit {integration.rateLimit ? `${integration.rateLimit.perSecond}/s` : 'none'}</p>
                <p>
                  Retry budget{' '}
                  {health.retryBudget ? (health.retryBudget.enabled ? `${health.retryBudget.retries} of ${health.retryBudget.allowed} retries used` : 'off') : 'not used yet'}
                </p>
                <p className="muted">
                  latency p50 {formatMs(health.latencyMs.p50)} · p95 {formatMs(health.latencyMs.p95)} · p99 {formatMs(health.latencyMs.p99)}
                </p>
              </section>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
