import { Hono } from 'hono';
import { requireAuth } from './auth/require-auth.js';
import type { AppDeps, AppEnv } from './deps.js';
import { HOOK_HEADERS } from './http/security-headers.js';
import { ApiError, errorBody } from './http/api-error.js';
import { handleError } from './http/error-handler.js';
import { requestContext } from './http/request-context.js';
import { credentialRoutes } from './routes/credentials.js';
import { healthRoutes } from './routes/health.js';
import { alertRoutes } from './routes/alerts.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { bundleRoutes } from './routes/bundle.js';
import { insightsRoutes } from './routes/insights.js';
import { integrationRoutes } from './routes/integrations.js';
import { metricsAuth, metricsRoutes } from './routes/metrics.js';
import { runRoutes } from './routes/runs.js';
import { sessionRoutes } from './routes/session.js';
import { signinPageRoutes } from './routes/signin-page.js';
import { staticRoutes } from './routes/static-files.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workflowRoutes } from './routes/workflows.js';

/** The only /api routes reachable without a key: reviewed here, in one place. */
export function isPublicApiRoute(method: string, path: string): boolean {
  if (path === '/api/health' || path === '/api/health/live' || path === '/api/health/ready') return true;
  if (path === '/api/session' && method === 'POST') return true;
  return false;
}

/** The whole HTTP surface: REST under /api, webhooks under /hooks, /metrics, and the web app at /. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(deps.log));
  app.use('/api/*', requireAuth(deps.auth, isPublicApiRoute));
  app.route('/api/health', healthRoutes({ ...deps, ...(deps.maxLoopDelayMs === undefined ? {} : { maxLoopDelayMs: deps.maxLoopDelayMs }) }));
  app.route('/api/session', sessionRoutes(deps));
  app.route('/api/workflows', workflowRoutes(deps));
  app.route('/api/runs', runRoutes(deps));
  app.route('/api/integrations', integrationRoutes(deps));
  app.route('/api/credentials', credentialRoutes(deps));
  app.route('/api/insights', insightsRoutes(deps));
  app.route('/api/api-keys', apiKeyRoutes(deps));
  app.route('/api', bundleRoutes(deps));
  const alerting = alertRoutes(deps);
  app.route('/api/alert-rules', alerting.rules);
  app.route('/api/alerts', alerting.alerts);
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such API route');
  });
  // Every webhook answer, errors included, is sandboxed (http/security-headers.ts says why).
  app.use('/hooks/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HOOK_HEADERS)) c.res.headers.set(name, value);
  });
  app.route('/hooks', webhookRoutes(deps));
  // Metrics name integrations and show their breakers: for operators, not for anyone who asks.
  app.use('/metrics', metricsAuth(deps));
  app.route('/metrics', metricsRoutes(deps));
  app.route('/signin', signinPageRoutes());
  app.route('/', staticRoutes(deps.webDir));
  app.notFound((c) => c.json(errorBody('not_found', 'not found'), 404));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
