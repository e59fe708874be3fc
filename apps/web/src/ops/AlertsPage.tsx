import { useCallback, useState } from 'react';
import type { Alert, AlertStatus, OpsApi } from './ops-api';
import { opsErrorMessage } from './ops-api';
import { AlertRuleForm } from './AlertRuleForm';
import { CONDITION_LABELS, type ConditionKind } from './alert-rule-model';
import { formatTime, shortRunId, useLoaded } from './useLoaded';

export const ALERTS_REFRESH_MS = 5000;

const STATUS_LOOK: Record<AlertStatus, { icon: string; tone: string }> = {
  firing: { icon: '▲', tone: 'failure' },
  acknowledged: { icon: '✓', tone: 'retry' },
  resolved: { icon: '●', tone: 'ok' },
};

/** Alerts newest first: what fired, its escalation, its context with links to runs; acknowledge to stop escalation. */
export function AlertsPage({ api, runHref }: { api: OpsApi; runHref: (runId: string) => string }) {
  const [status, setStatus] = useState<AlertStatus | 'all'>('all');
  const load = useCallback(async () => {
    const [alerts, rules] = await Promise.all([api.alerts(status === 'all' ? undefined : status), api.alertRules()]);
    return { alerts, rules, ruleNames: new Map(rules.map((r) => [r.id, r.name])) };
  }, [api, status]);
  const { data, error, reload } = useLoaded(load, ALERTS_REFRESH_MS);
  const [actionError, setActionError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const acknowledge = async (alert: Alert): Promise<void> => {
    setActionError(null);
    try {
      await api.acknowledge(alert.id);
      reload();
    } catch (err) {
      setActionError(opsErrorMessage(err));
    }
  };

  return (
    <main className="ops-page" data-testid="alerts-page">
      <header className="ops-page__head">
        <h1>Alerts</h1>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as AlertStatus | 'all')} data-testid="alerts-status">
            <option value="all">all</option>
            <option value="firing">firing</option>
            <option value="acknowledged">acknowledged</option>
            <option value="resolved">resolved</option>
          </select>
        </label>
      </header>
      {(error ?? actionError) && <p className="ops-error" role="alert">{error ?? actionError}</p>}
      <details className="ops-card" data-testid="alert-rules">
        <summary>
          Rules ({data?.rules.length ?? 0}){' '}
          {!creating && (
            <button type="button" className="btn btn--ghost" onClick={() => setCreating(true)} data-testid="rule-new">
              + new rule
            </button>
          )}
        </summary>
        <ul className="ops-rules">
          {data?.rules.map((r) => (
            <li key={r.id} data-testid={`rule-${r.id}`}>
              <strong>{r.name}</strong>: when {CONDITION_LABELS[r.condition.kind as ConditionKind] ?? r.condition.kind}
              {r.enabled ? '' : ' (off)'} · {r.levels.length} level{r.levels.length === 1 ? '' : 's'}
            </li>
          ))}
        </ul>
      </details>
      {creating && (
        <AlertRuleForm
          api={api}
          onSaved={() => {
            setCreating(false);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {data?.alerts.length === 0 && <p className="ops-empty">No alerts{status === 'all' ? '' : ` ${status}`}.</p>}
      <ul className="ops-cards">
        {data?.alerts.map((alert) => (
          <li key={alert.id} className={`ops-card ops-card--${STATUS_LOOK[alert.status].tone}`} data-testid={`alert-${alert.ruleId}`} data-status={alert.status}>
            <div className="ops-card__head">
              <span className={`ops-badge ops-badge--${STATUS_LOOK[alert.status].tone}`}>
                <span aria-hidden>{STATUS_LOOK[alert.status].icon}</span> {alert.status}
              </span>
              <strong>{data.ruleNames.get(alert.ruleId) ?? alert.ruleId}</strong>
              <span className="muted">{alert.subject}</span>
              <span className="toolbar__spacer" />
              <span className="muted">level {alert.level + 1}</span>
              {alert.occurrences > 1 && <span className="ops-chip">×{alert.occurrences}</span>}
              {alert.status === 'firing' && (
                <button type="button" className="btn btn--primary" onClick={() => void acknowledge(alert)} data-testid="btn-ack">
                  Acknowledge
                </button>
              )}
            </div>
            <p className="muted">
              opened {formatTime(alert.openedAt)} · last seen {formatTime(alert.lastSeenAt)}
              {alert.acknowledgedAt && <> · acknowledged {formatTime(alert.acknowledgedAt)}</>}
              {alert.resolvedAt && <> · resolved {formatTime(alert.resolvedAt)}</>}
            </p>
            <AlertContext alert={alert} runHref={runHref} />
            <details>
              <summary>Deliveries ({alert.deliveries.length})</summary>
              <ul className="ops-list">
                {alert.deliveries.map((d, i) => (
                  <li key={i} className={d.ok ? undefined : 'ops-bad'}>
                    level {d.level + 1} · {d.event} · {d.channel} · {formatTime(d.at)} · {d.ok ? 'delivered' : 'failed'} ({d.detail}){d.tries > 1 ? `, ${d.tries} tries` : ''}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </main>
  );
}

function AlertContext({ alert, runHref }: { alert: Alert; runHref: (runId: string) => string }) {
  const { recentErrors, runs, errorsByCategory } = alert.context;
  return (
    <>
      {errorsByCategory && Object.keys(errorsByCategory).length > 0 && (
        <p>
          {Object.entries(errorsByCategory).map(([category, n]) => (
            <span key={category} className="ops-chip">
              {category} {n}
            </span>
          ))}
        </p>
      )}
      {recentErrors && recentErrors.length > 0 && (
        <ul className="ops-list" data-testid="alert-recent-errors">
          {recentErrors.map((e) => (
            <li key={`${e.runId}-${e.at}`}>
              <a href={runHref(e.runId)}>run {shortRunId(e.runId)}</a> {e.nodeId}: <span className="ops-chip">{e.category}</span> {e.message}
            </li>
          ))}
        </ul>
      )}
      {runs && runs.length > 0 && (
        <ul className="ops-list">
          {runs.map((r) => (
            <li key={r.runId}>
              <a href={runHref(r.runId)}>run {shortRunId(r.runId)}</a> needs attention since {formatTime(r.at)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
