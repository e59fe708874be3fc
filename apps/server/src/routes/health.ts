import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { checkReadiness, watchEventLoop } from '../health/readiness.js';

/** The event-loop delay above which the process says it is not ready (SWITCHYARD_READY_MAX_LOOP_DELAY_MS). */
export const DEFAULT_MAX_LOOP_DELAY_MS = 1000;

/**
 * `/api/health` (kept as it was: the process answers), `/api/health/live` (the same, the name
 * orchestrators expect) and `/api/health/ready` (200 ready or degraded, 503 not ready, with the
 * checks). All three need no credentials and say nothing about runs or workflows.
 */
export function healthRoutes(deps: Pick<AppDeps, 'store' | 'engine' | 'clock'> & { maxLoopDelayMs?: number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const loop = watchEventLoop();
  app.get('/', (c) => c.json({ status: 'ok' }));
  app.get('/live', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    const readiness = await checkReadiness({
      probeStore: () => deps.store.probeCommit(deps.clock.now()),
      probeTimeoutMs: 5000,
      loopDelayMs: () => loop.recentMs(),
      maxLoopDelayMs: deps.maxLoopDelayMs ?? DEFAULT_MAX_LOOP_DELAY_MS,
      openBreakers: async () => (await deps.store.listIntegrations()).map((i) => i.id).filter((id) => deps.engine.integrationStatus(id)?.breaker.state === 'open'),
    });
    return c.json(readiness, readiness.status === 'not_ready' ? 503 : 200);
  });
  return app;
}
