import { Hono } from 'hono';
import { z } from 'zod';
import { RETENTION_DEFAULTS } from '@switchyard/schema';
import { exportBundle } from '../bundle/export-bundle.js';
import { importBundle } from '../bundle/import-bundle.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { parseQuery, readJson } from '../http/parse-input.js';

const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });

/** GET /api/export (the bundle, as a download) and POST /api/import (`?dryRun=true` writes nothing). Every API key is an admin key. */
export function bundleRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock } = deps;
  const app = new Hono<AppEnv>();
  app.get('/export', async (c) => {
    const bundle = await exportBundle(store, { retention: deps.retention ?? RETENTION_DEFAULTS }, clock.now());
    c.header('Content-Disposition', `attachment; filename="switchyard-${bundle.exportedAt.slice(0, 10)}.json"`);
    return c.json(bundle);
  });
  app.post('/import', async (c) => {
    const q = parseQuery(c, ImportQuery);
    const report = await importBundle(store, await readJson(c), { dryRun: q.dryRun, now: clock.now(), definitions: deps.definitions });
    if (!q.dryRun) for (const item of report.items) if (item.kind === 'workflow' && item.outcome === 'created') await deps.schedules.refresh(item.id);
    return c.json(report);
  });
  return app;
}
