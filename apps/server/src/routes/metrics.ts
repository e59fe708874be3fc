import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/require-auth.js';
import type { AppDeps, AppEnv } from '../deps.js';

/** `/metrics` takes the scrape token (SWITCHYARD_METRICS_TOKEN) or what `/api` takes: an API key or a session. */
export function metricsAuth(deps: Pick<AppDeps, 'auth' | 'metricsToken'>): MiddlewareHandler<AppEnv> {
  const apiAuth = requireAuth(deps.auth, () => false);
  const token = deps.metricsToken === undefined ? undefined : Buffer.from(`Bearer ${deps.metricsToken}`);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (token !== undefined && header !== undefined) {
      const given = Buffer.from(header.trim());
      if (given.length === token.length && timingSafeEqual(given, token)) return next();
    }
    return apiAuth(c, next);
  };
}

/** Prometheus text: run counts by status, the store's health, each integration's breaker and bulkhead. */
export function metricsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const counts = await deps.store.countRuns({});
    const lines = ['# HELP switchyard_runs Runs in the store by status.', '# TYPE switchyard_runs gauge'];
    for (const [status, n] of Object.entries(counts)) {
      if (status !== 'degraded') lines.push(`switchyard_runs{status="${status}"} ${n}`);
    }
    lines.push('# HELP switchyard_runs_degraded Runs that ended degraded.', '# TYPE switchyard_runs_degraded gauge', `switchyard_runs_degraded ${counts.degraded}`);
    lines.push('# HELP switchyard_active_runs Runs being driven by this process.', '# TYPE switchyard_active_runs gauge', `switchyard_active_runs ${deps.engine.activeRuns}`);
    // The store's health: a WAL that keeps growing means checkpoints cannot keep up (a long read holds them back).
    const commits = deps.store.groupCommitStats();
    const checkpoints = deps.store.checkpointStats();
    lines.push(
      '# HELP switchyard_store_commits_total Store transactions committed (group commit).',
      '# TYPE switchyard_store_commits_total counter',
      `switchyard_store_commits_total ${commits.transactions}`,
      '# HELP switchyard_store_writes_total Writes carried by those transactions.',
      '# TYPE switchyard_store_writes_total counter',
      `switchyard_store_writes_total ${commits.writes}`,
      '# HELP switchyard_store_wal_frames WAL length in frames at the last background checkpoint.',
      '# TYPE switchyard_store_wal_frames gauge',
      `switchyard_store_wal_frames ${checkpoints.walFrames}`,
      '# HELP switchyard_store_background_checkpoints 1 while WAL checkpoints run on the background thread, 0 when commits checkpoint inline.',
      '# TYPE switchyard_store_background_checkpoints gauge',
      `switchyard_store_background_checkpoints ${checkpoints.mode === 'background' ? 1 : 0}`,
    );
    // Integration ids match ^[a-z][a-z0-9_]*$: safe as label values without escaping.
    const integrations = (await deps.store.listIntegrations()).map((i) => ({ id: i.id, status: deps.engine.integrationStatus(i.id) }));
    lines.push('# HELP switchyard_integration_breaker_state 1 for the state each integration\'s breaker is in (closed, open, half_open) in this process.', '# TYPE switchyard_integration_breaker_state gauge');
    for (const { id, status } of integrations) {
      const state = status?.breaker.state ?? 'closed';
      for (const s of ['closed', 'open', 'half_open'] as const) lines.push(`switchyard_integration_breaker_state{integration="${id}",state="${s}"} ${s === state ? 1 : 0}`);
    }
    lines.push('# HELP switchyard_integration_in_flight Calls in flight to an integration with a bulkhead.', '# TYPE switchyard_integration_in_flight gauge');
    lines.push('# HELP switchyard_integration_waiting Calls waiting for a bulkhead slot.', '# TYPE switchyard_integration_waiting gauge');
    for (const { id, status } of integrations) {
      if (!status?.bulkhead) continue;
      lines.push(`switchyard_integration_in_flight{integration="${id}"} ${status.bulkhead.inFlight}`, `switchyard_integration_waiting{integration="${id}"} ${status.bulkhead.waiting}`);
    }
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
