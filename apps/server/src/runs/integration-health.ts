import type { AttemptRecord, Engine, Store } from '@switchyard/engine';
import type { IntegrationHealthAnswer } from '@switchyard/schema';
import { percentile } from './percentile.js';
import { readRunHistory } from './run-history.js';
import type { RunHistory, RunHistoryStore } from './run-history.js';

/** What an integration's breaker history needs of the store. */
export type BreakerHistoryStore = Pick<Store, 'listBreakerTransitions' | 'latestBreakerTransitions'>;

/** The window's figures of an integration (the protections' part comes from `protectionHealth`). */
export type IntegrationHealth = Omit<IntegrationHealthAnswer, 'breaker' | 'bulkhead' | 'retryBudget'>;

/** Breaker changes listed per health answer at most (newest first). */
export const HEALTH_MAX_BREAKER_CHANGES = 100;

export type ProtectionHealth = Pick<IntegrationHealthAnswer, 'breaker' | 'bulkhead' | 'retryBudget'>;

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The integration's protections as they stand in this process (breaker, bulkhead, retry budget),
 * and its breaker's stored history over the window. Not called since the start: the stored state.
 */
export async function protectionHealth(store: BreakerHistoryStore, engine: Engine, integrationId: string, now: number, windowMs: number): Promise<ProtectionHealth> {
  const status = engine.integrationStatus(integrationId);
  const history = await store.listBreakerTransitions(integrationId, now - windowMs, HEALTH_MAX_BREAKER_CHANGES);
  const stored = history[0] ?? (await store.latestBreakerTransitions()).find((t) => t.integrationId === integrationId);
  const breaker = status?.breaker ?? {
    enabled: true,
    state: stored?.to ?? 'closed',
    since: stored?.at ?? null,
    retryAt: null,
    window: { calls: 0, failures: 0 },
    consecutiveFailures: 0,
  };
  return {
    breaker: {
      state: breaker.state,
      enabled: breaker.enabled,
      since: isoOrNull(breaker.since),
      retryAt: isoOrNull(breaker.retryAt),
      window: breaker.window,
      consecutiveFailures: breaker.consecutiveFailures,
      history: history.map((t) => ({ at: new Date(t.at).toISOString(), from: t.from, to: t.to, reason: t.reason })),
    },
    bulkhead: status?.bulkhead ?? null,
    retryBudget: status?.retryBudget ?? null,
  };
}

/**
 * Health of one integration over a window, computed from run history: every finished attempt of
 * a node that uses the integration is a call.
 */
export async function integrationHealth(store: RunHistoryStore, integrationId: string, now: number, windowMs: number): Promise<IntegrationHealth> {
  const since = now - windowMs;
  return healthFromHistory(await readRunHistory(store, { since }), integrationId, since, windowMs);
}

/** The same from history already read (the window starting at `since`): several integrations, one read. */
export function healthFromHistory(history: RunHistory, integrationId: string, since: number, windowMs: number): IntegrationHealth {
  const attempts: AttemptRecord[] = [];
  for (const item of history.items) {
    const nodeIds = new Set((item.version?.definition.nodes ?? []).filter((n) => n.integration === integrationId).map((n) => n.id));
    if (nodeIds.size > 0) attempts.push(...item.attempts.filter((a) => nodeIds.has(a.nodeId)));
  }
  const sampled = history.sampled;
  // Interrupted and cancelled attempts say nothing about the upstream.
  const calls = attempts.filter((a) => a.outcome === 'succeeded' || a.outcome === 'failed');
  const failures = calls.filter((a) => a.outcome === 'failed');
  const retries = calls.filter((a) => a.delayBeforeMs > 0 || a.number > 1);
  const errorsByCategory: Record<string, number> = {};
  for (const a of failures) {
    const category = a.error?.category ?? 'unknown';
    errorsByCategory[category] = (errorsByCategory[category] ?? 0) + 1;
  }
  const latencies = calls.map((a) => a.durationMs).filter((d): d is number => d !== null).sort((x, y) => x - y);
  return {
    integrationId,
    windowMs,
    since: new Date(since).toISOString(),
    calls: calls.length,
    failures: failures.length,
    failureRate: calls.length === 0 ? 0 : failures.length / calls.length,
    retries: retries.length,
    retryRate: calls.length === 0 ? 0 : retries.length / calls.length,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    errorsByCategory,
    sampled,
  };
}

/** `30s`, `15m`, `1h`, `7d` as milliseconds (at most 30 days); undefined when not one of those. */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d{1,6})(s|m|h|d)$/.exec(text);
  if (!m) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * unit;
  return ms > 0 && ms <= 30 * 86_400_000 ? ms : undefined;
}
