import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';

/** Prometheus text: run counts by status (a placeholder until integration metrics exist). */
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
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
