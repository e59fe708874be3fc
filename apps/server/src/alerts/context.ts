import type { Engine } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { healthFromHistory, protectionHealth, type BreakerHistoryStore } from '../runs/integration-health.js';
import { readRunHistory, type RunHistoryStore } from '../runs/run-history.js';

/** Recent errors listed in an alert at most, newest first. */
export const ALERT_RECENT_ERRORS = 5;
/** The window an alert's figures cover. */
export const ALERT_CONTEXT_WINDOW_MS = 3_600_000;

/**
 * What an alert about an integration carries (semantics.md): its recent errors with links to
 * their runs, the errors by category, its failure rate, and its breaker's state.
 */
export async function integrationContext(store: RunHistoryStore & BreakerHistoryStore, engine: Engine, integrationId: string, now: number): Promise<Json> {
  // One read of the window serves the figures and the recent errors.
  const since = now - ALERT_CONTEXT_WINDOW_MS;
  const history = await readRunHistory(store, { since });
  const health = healthFromHistory(history, integrationId, since, ALERT_CONTEXT_WINDOW_MS);
  const protections = await protectionHealth(store, engine, integrationId, now, ALERT_CONTEXT_WINDOW_MS);
  const recentErrors: Json[] = [];
  for (const item of history.items) {
    const nodes = new Set((item.version?.definition.nodes ?? []).filter((n) => n.integration === integrationId).map((n) => n.id));
    for (const a of [...item.attempts].reverse()) {
      if (recentErrors.length >= ALERT_RECENT_ERRORS) break;
      if (!nodes.has(a.nodeId) || a.outcome !== 'failed' || !a.error) continue;
      recentErrors.push({ runId: item.run.id, link: `/runs/${item.run.id}`, nodeId: a.nodeId, at: new Date(a.startedAt).toISOString(), category: a.error.category, message: a.error.message, ...(a.error.httpStatus === undefined ? {} : { httpStatus: a.error.httpStatus }) });
    }
  }
  return {
    integration: integrationId,
    windowMs: ALERT_CONTEXT_WINDOW_MS,
    calls: health.calls,
    failureRate: health.failureRate,
    latencyMs: health.latencyMs,
    errorsByCategory: health.errorsByCategory,
    breaker: { state: protections.breaker.state, since: protections.breaker.since, retryAt: protections.breaker.retryAt },
    recentErrors,
  };
}
