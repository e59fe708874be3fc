import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { IntegrationRecord } from '@switchyard/engine';
import { BreakerSettings, BulkheadSettings, INTEGRATION_ID_PATTERN, RateLimitSettings, RetryBudgetSettings } from '@switchyard/schema';
import type { IntegrationProtections } from '@switchyard/schema';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { checkBody, parseQuery, readJson } from '../http/parse-input.js';
import { integrationHealth, protectionHealth } from '../runs/integration-health.js';
import { windowQuery } from '../http/window-query.js';
import { iso } from '../http/iso-time.js';

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
  // Protections (semantics.md "Isolation of integrations"); null or absent: the defaults.
  breaker: BreakerSettings.nullable().optional(),
  bulkhead: BulkheadSettings.nullable().optional(),
  rateLimit: RateLimitSettings.nullable().optional(),
  retryBudget: RetryBudgetSettings.nullable().optional(),
};
const PROTECTIONS = ['breaker', 'bulkhead', 'rateLimit', 'retryBudget'] as const;

/** The protections a body sets; PUT replaces the integration, so one left out goes back to its default. */
function protectionsOf(body: { [K in (typeof PROTECTIONS)[number]]?: IntegrationProtections[K] | null }): IntegrationProtections | undefined {
  const out: IntegrationProtections = {};
  if (body.breaker) out.breaker = body.breaker;
  if (body.bulkhead) out.bulkhead = body.bulkhead;
  if (body.rateLimit) out.rateLimit = body.rateLimit;
  if (body.retryBudget) out.retryBudget = body.retryBudget;
  return Object.keys(out).length > 0 ? out : undefined;
}
const CreateBody = z.strictObject({ id: z.string().regex(new RegExp(INTEGRATION_ID_PATTERN.source), 'an id matches ^[a-z][a-z0-9_]{0,63}$'), ...fields });
// PUT: the path decides the id; sending the same id back is allowed.
const UpdateBody = z.strictObject({ id: z.string().optional(), ...fields });

const HealthQuery = z.object({ window: windowQuery('1h') });

function present(r: IntegrationRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.baseUrl,
    credential: r.credential,
    timeoutMs: r.timeoutMs,
    ...Object.fromEntries(PROTECTIONS.map((k) => [k, r.protections?.[k] ?? null])),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function integrationRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock, engine } = deps;
  const app = new Hono<AppEnv>();
  const parse = async <S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> => checkBody((await readJson(c)) ?? {}, schema);

  app.get('/', async (c) => c.json({ items: (await store.listIntegrations()).map(present) }));

  app.post('/', async (c) => {
    const body = await parse(c, CreateBody);
    if (await store.getIntegration(body.id)) throw new ApiError('conflict', `integration '${body.id}' already exists`);
    const now = clock.now();
    const protections = protectionsOf(body);
    const record: IntegrationRecord = {
      id: body.id,
      name: body.name,
      baseUrl: body.baseUrl,
      credential: body.credential ?? null,
      timeoutMs: body.timeoutMs ?? null,
      ...(protections ? { protections } : {}),
      createdAt: now,
      updatedAt: now,
    };
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
    const now = clock.now();
    return c.json({ ...(await integrationHealth(store, id, now, query.window)), ...(await protectionHealth(store, engine, id, now, query.window)) });
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const body = await parse(c, UpdateBody);
    if (body.id !== undefined && body.id !== id) throw new ApiError('invalid_request', 'the body id differs from the path', { issues: [{ path: ['id'], message: 'the path decides the id' }] });
    const existing = await store.getIntegration(id);
    if (!existing) throw notFound('the integration');
    const { protections: _previous, ...rest } = existing;
    const protections = protectionsOf(body);
    // The engine's guards take new settings when `updatedAt` moves: it never stays the same.
    const record: IntegrationRecord = {
      ...rest,
      name: body.name,
      baseUrl: body.baseUrl,
      credential: body.credential ?? null,
      timeoutMs: body.timeoutMs ?? null,
      ...(protections ? { protections } : {}),
      updatedAt: Math.max(clock.now(), existing.updatedAt + 1),
    };
    await store.putIntegration(record);
    return c.json(present(record));
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await store.deleteIntegration(id))) throw notFound('the integration');
    // Its breaker goes with it (in memory too), and so does an alert about that breaker.
    engine.forgetIntegration(id);
    await deps.alerts.resolve('breaker_opened', id);
    return c.body(null, 204);
  });

  return app;
}
