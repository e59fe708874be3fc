import { Hono } from 'hono';
import { z } from 'zod';
import { RETENTION_DEFAULTS, RUN_MODES, RUN_STATUSES } from '@switchyard/schema';
import { historyExtent } from '../retention/history-extent.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { parseBody, parseQuery } from '../http/parse-input.js';
import { presentRunDetail, requireRun } from '../runs/load-run.js';
import { presentRunSummary } from '../runs/present-run.js';
import { createRunEventHubs } from '../runs/run-event-hub.js';
import { streamRunEvents } from '../runs/run-events.js';

export const DEFAULT_RUN_LIMIT = 50;
export const MAX_RUN_LIMIT = 200;

/** An ISO 8601 time or epoch milliseconds, as epoch milliseconds. */
const Instant = z.string().transform((s, ctx) => {
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'an ISO 8601 time or epoch milliseconds' });
    return z.NEVER;
  }
  return ms;
});

const ListQuery = z.object({
  workflowId: z.string().min(1).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  degraded: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  mode: z.enum(RUN_MODES).optional(),
  since: Instant.optional(),
  until: Instant.optional(),
  // Larger limits are clamped, not refused (http-api.md).
  limit: z.coerce.number().int().min(1).default(DEFAULT_RUN_LIMIT).transform((n) => Math.min(n, MAX_RUN_LIMIT)),
  cursor: z.string().min(1).optional(),
});

const CountsQuery = z.object({ workflowId: z.string().min(1).optional(), since: Instant.optional() });
const ResumeBody = z.strictObject({ version: z.number().int().min(1).optional() });
// http-api.md: a replay may name the version it runs on; without one it runs the run's own version.
const ReplayBody = z.strictObject({ version: z.number().int().min(1).optional() });
const CancelBody = z.strictObject({ compensate: z.boolean().optional() });
const AttemptNumber = z.coerce.number().int().min(1);

export function runRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, engine } = deps;
  const app = new Hono<AppEnv>();
  // Everyone watching a run shares its live updates: one set of frames per run, not per viewer.
  const hubs = createRunEventHubs({ store, engine });

  app.get('/', async (c) => {
    const q = parseQuery(c, ListQuery);
    const page = await store.listRuns({
      limit: q.limit,
      ...(q.workflowId === undefined ? {} : { workflowId: q.workflowId }),
      ...(q.status === undefined ? {} : { status: q.status }),
      ...(q.degraded === undefined ? {} : { degraded: q.degraded }),
      ...(q.mode === undefined ? {} : { mode: q.mode }),
      ...(q.since === undefined ? {} : { since: q.since }),
      ...(q.until === undefined ? {} : { until: q.until }),
      ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
    });
    return c.json({ items: page.items.map(presentRunSummary), nextCursor: page.nextCursor, history: historyExtent(store, deps.retention ?? RETENTION_DEFAULTS) });
  });

  app.get('/counts', async (c) => {
    const q = parseQuery(c, CountsQuery);
    const counts = await store.countRuns({
      ...(q.workflowId === undefined ? {} : { workflowId: q.workflowId }),
      ...(q.since === undefined ? {} : { since: q.since }),
    });
    return c.json(counts);
  });

  app.get('/:id', async (c) => c.json(await presentRunDetail(store, await requireRun(store, c.req.param('id')))));

  app.get('/:id/events', async (c) => streamRunEvents(c, hubs, await requireRun(store, c.req.param('id'))));

  app.get('/:id/nodes/:nodeId/attempts/:number/:part', async (c) => {
    const part = c.req.param('part');
    if (part !== 'request' && part !== 'response') throw notFound('that part');
    const number = AttemptNumber.safeParse(c.req.param('number'));
    if (!number.success) throw notFound('the attempt');
    await requireRun(store, c.req.param('id'));
    const attempt = (await store.listAttempts(c.req.param('id'), c.req.param('nodeId'))).find((a) => a.number === number.data);
    if (!attempt) throw notFound('the attempt');
    const recorded = attempt[part];
    if (recorded === null) throw notFound(`the attempt's ${part}`);
    return c.json(recorded);
  });

  app.get('/:id/nodes/:nodeId/:part', async (c) => {
    const part = c.req.param('part');
    if (part !== 'input' && part !== 'output') throw notFound('that part');
    await requireRun(store, c.req.param('id'));
    const node = (await store.listNodeRuns(c.req.param('id'))).find((n) => n.nodeId === c.req.param('nodeId'));
    if (!node) throw notFound('the node');
    return c.json(node[part]);
  });

  app.post('/:id/resume', async (c) => {
    const body = await parseBody(c, ResumeBody);
    await engine.resumeRun(c.req.param('id'), body.version === undefined ? {} : { version: body.version });
    return c.json({ runId: c.req.param('id') }, 202);
  });

  app.post('/:id/replay', async (c) => {
    const body = await parseBody(c, ReplayBody);
    const run = await engine.replayRun(c.req.param('id'), body.version === undefined ? {} : { version: body.version });
    return c.json({ runId: run.id }, 201);
  });

  app.post('/:id/cancel', async (c) => {
    const body = await parseBody(c, CancelBody);
    const run = await requireRun(store, c.req.param('id'));
    if (run.finishedAt !== null && run.phase === 'ended') throw new ApiError('conflict', `the run has ended (${run.status}); it cannot be cancelled`);
    await engine.cancelRun(run.id, { compensate: body.compensate ?? false });
    return c.json({ runId: run.id }, 202);
  });

  return app;
}
