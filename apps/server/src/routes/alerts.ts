import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { AlertRule, AlertStatus } from '@switchyard/schema';
import type { AlertAnswer } from '@switchyard/schema';
import type { AppDeps, AppEnv } from '../deps.js';
import type { AlertRecord, AlertRuleRecord } from '../ports/index.js';
import { ApiError, notFound } from '../http/api-error.js';
import { iso } from '../http/iso-time.js';
import { checkBody, parseQuery, readJson } from '../http/parse-input.js';

const RuleId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an id matches ^[a-z][a-z0-9_]{0,63}$');
const AlertsQuery = z.object({ status: AlertStatus.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

function presentRule(r: AlertRuleRecord): Record<string, unknown> {
  return { id: r.id, ...r.rule, enabled: r.rule.enabled ?? true, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}

function presentAlert(a: AlertRecord): AlertAnswer {
  const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
  return {
    id: a.id,
    ruleId: a.ruleId,
    subject: a.subject,
    status: a.status,
    level: a.level,
    openedAt: iso(a.openedAt),
    lastSeenAt: iso(a.lastSeenAt),
    occurrences: a.occurrences,
    acknowledgedAt: isoOrNull(a.acknowledgedAt),
    resolvedAt: isoOrNull(a.resolvedAt),
    context: a.context,
    deliveries: a.deliveries.map(({ channelIndex: _index, ...d }) => ({ ...d, at: iso(d.at) })),
  };
}

/** The body of a rule: the rule's fields, and on create an optional id. */
function ruleOf(body: unknown): AlertRule {
  const fields = body !== null && typeof body === 'object' ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'id')) : body;
  return checkBody(fields, AlertRule);
}

/** Alert rules and alerts (http-api.md): rules with escalation levels; alerts with their escalation state. */
export function alertRoutes(deps: AppDeps): { rules: Hono<AppEnv>; alerts: Hono<AppEnv> } {
  const { store, clock, alerts } = deps;
  const rules = new Hono<AppEnv>();

  rules.get('/', async (c) => c.json({ items: (await store.listAlertRules()).map(presentRule) }));

  rules.post('/', async (c) => {
    const body = (await readJson(c)) ?? {};
    const rawId = body !== null && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
    const id = rawId === undefined ? `rule_${randomBytes(6).toString('hex')}` : checkBody({ id: rawId }, z.object({ id: RuleId })).id;
    const rule = ruleOf(body);
    if (await store.getAlertRule(id)) throw new ApiError('conflict', `alert rule '${id}' already exists`);
    const now = clock.now();
    const record: AlertRuleRecord = { id, rule, createdAt: now, updatedAt: now };
    await store.putAlertRule(record);
    return c.json(presentRule(record), 201);
  });

  rules.get('/:id', async (c) => {
    const record = await store.getAlertRule(c.req.param('id'));
    if (!record) throw notFound('the alert rule');
    return c.json(presentRule(record));
  });

  rules.put('/:id', async (c) => {
    const existing = await store.getAlertRule(c.req.param('id'));
    if (!existing) throw notFound('the alert rule');
    const record: AlertRuleRecord = { ...existing, rule: ruleOf((await readJson(c)) ?? {}), updatedAt: clock.now() };
    await store.putAlertRule(record);
    return c.json(presentRule(record));
  });

  rules.delete('/:id', async (c) => {
    if (!(await store.deleteAlertRule(c.req.param('id')))) throw notFound('the alert rule');
    // Its open alerts end at the next check.
    return c.body(null, 204);
  });

  const list = new Hono<AppEnv>();
  list.get('/', async (c) => {
    const q = parseQuery(c, AlertsQuery);
    return c.json({ items: (await store.listAlerts({ limit: q.limit, ...(q.status === undefined ? {} : { status: q.status }) })).map(presentAlert) });
  });

  list.get('/:id', async (c) => {
    const alert = await store.getAlert(c.req.param('id'));
    if (!alert) throw notFound('the alert');
    return c.json(presentAlert(alert));
  });

  list.post('/:id/ack', async (c) => {
    const answer = await alerts.acknowledge(c.req.param('id'));
    if (answer === undefined) throw notFound('the alert');
    if (answer === 'resolved') throw new ApiError('conflict', 'the alert is resolved; there is nothing to acknowledge');
    return c.json(presentAlert(answer));
  });

  return { rules, alerts: list };
}
