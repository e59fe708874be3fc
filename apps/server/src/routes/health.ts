import { Hono } from 'hono';
import type { AppEnv } from '../deps.js';

export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ status: 'ok' }));
  return app;
}
