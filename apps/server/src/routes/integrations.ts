import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { IntegrationRecord } from '@switchyard/engine';
import { INTEGRATION_ID_PATTERN } from '@switchyard/schema';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { checkBody, parseQuery, readJson } from '../http/parse-input.js';
import { integrationHealth, parseWindow } from '../runs/integration-health.js';
import { iso } from '../http/iso-time.js';

/** Fields the spec names that the engine does not enforce yet: refused rather than silently ignored. */
const NOT_SUPPORTED_YET = ['breaker', 'bulkhead', 'rateLimit', 'retryBudget'] as const;

const BaseUrl = z
  .string()
  .max(2_048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && u.search === '' && u.hash === '';
    } catch {
      return false;
    }
  }, 'baseUrl is an http or https URL without credentials, query or fragment')
  .transform((s) => s.replace(/\/+$/, ''));

const fields = {
  name: z.string().min(1).max(200),
  baseUrl: BaseUrl,
  credential: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).nullable().optional(),
  timeoutMs: z.number().int().min(1).max(300_000).nullable().optional(),
};
const CreateBody = z.strictObject({ id: z.string().regex(new RegExp(INTEGRATION_ID_PATTERN.source), 'an id matches ^[a-z][a-z0-9_]{0,63}$'), ...fields });
// PUT: the path decides the id; sending the same id back is allowed.
const UpdateBody = z.strictObject({ id: z.string().optional(), ...fields });

const HealthQuery = z.object({
  window: z
    .string()
    .default('1h')
    .transform((s, ctx) => {
      const ms = parseWindow(s);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a window like 15m, 1h or 7d (at most 30d)' });
        return z.NEVER;
      }
      return ms;
    }),
});

function refuseUnsupported(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const sent = NOT_SUPPORTED_YET.filter((f) => f in body);
  if (sent.length > 0) {
    throw new ApiError('invalid_request', `${sent.join(', ')} ${sent.length === 1 ? 'is' : 'are'} not supported yet`, {
      issues: sent.map((f) => ({ path: [f], message: `${f} is not supported yet`, code: 'not_supported' })),
    });
  }
}

function present(r: IntegrationRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.baseUrl,
    credential: r.credential,
    timeoutMs: r.timeoutMs,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function integrationRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock } = deps;
  const app = new Hono<AppEnv>();
  // Body schemas are strict, so an unsupported field would read "unrecognized"; say why instead.
  const parse = async <S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> => {
    const value = (await readJson(c)) ?? {};
    refuseUnsupported(value);
    return checkBody(value, schema);
  };

  app.get('/', async (c) => c.json({ items: (await store.listIntegrations()).map(present) }));

  app.post('/', async (c) => {
    const body = await parse(c, CreateBody);
    if (await store.getIntegration(body.id)) throw new ApiError('conflict', `integration '${body.id}' already exists`);
    const now = clock.now();
    const record: IntegrationRecord = { id: body.id, name: body.name, baseUrl: body.baseUrl, credential: body.credential ?? null, timeoutMs: body.timeoutMs ?? null, createdAt: now, updatedAt: now };
    await store.putIntegration(record);
    return c.json(present(record), 201);
  });

  app.get('/:id', async (c) => {
    const record = await store.getIntegration(c.req.param('id'));
    if (!record) throw notFound('the integration');
    return c.json(present(record));
  });

  app.get('/:id/health', async (c) => {
    const query = parseQuery(c, HealthQuery);
    const id = c.req.param('id');
    if (!(await store.getIntegration(id))) throw notFound('the integration');
    return c.json(await integrationHealth(store, id, clock.now(), query.window));
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const body = await parse(c, UpdateBody);
    if (body.id !== undefined && body.id !== id) throw new ApiError('invalid_request', 'the body id differs from the path', { issues: [{ path: ['id'], message: 'the path decides the id' }] });
    const existing = await store.getIntegration(id);
    if (!existing) throw notFound('the integration');
    const record: IntegrationRecord = { ...existing, name: body.name, baseUrl: body.baseUrl, credential: body.credential ?? null, timeoutMs: body.timeoutMs ?? null, updatedAt: clock.now() };
    await store.putIntegration(record);
    return c.json(present(record));
  });

  app.delete('/:id', async (c) => {
    if (!(await store.deleteIntegration(c.req.param('id')))) throw notFound('the integration');
    return c.body(null, 204);
  });

  return app;
}
