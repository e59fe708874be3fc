import { Hono } from 'hono';
import { z } from 'zod';
import type { InsightsAnswer } from '@switchyard/schema';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { iso } from '../http/iso-time.js';
import { parseBody, parseQuery } from '../http/parse-input.js';
import { windowQuery } from '../http/window-query.js';
import { applyChange } from '../insights/apply-change.js';
import { computeInsights } from '../insights/insights.js';
import type { Insights } from '../insights/insights.js';
import { presentWorkflow } from '../workflows/present.js';
import { validateForStore } from '../workflows/validate-input.js';
import { assertWebhooksFree } from '../workflows/webhook-triggers.js';

const InsightsQuery = z.object({ window: windowQuery('24h'), workflowId: z.string().min(1).max(128).optional() });
const ApplyBody = z.strictObject({ window: windowQuery('24h') });
/** `<kind>:<workflowId>:<version>:<nodeId>[:<category>]` */
const AdviceIdParam = z.string().regex(/^[a-z_]+:[^:]+:\d+:[^:]+(:[a-z_]+)?$/);

function present(insights: Insights): InsightsAnswer {
  return {
    windowMs: insights.windowMs,
    since: iso(insights.since),
    runs: insights.runs,
    sampled: insights.sampled,
    clusters: insights.clusters.map((c) => ({ ...c, firstSeen: iso(c.firstSeen), lastSeen: iso(c.lastSeen) })),
    advice: insights.advice,
  };
}

/** Failure clusters and advice (semantics.md "Health, alerts and learning"); advice applied as a new version. */
export function insightsRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock, definitions } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const q = parseQuery(c, InsightsQuery);
    return c.json(present(await computeInsights(store, { now: clock.now(), windowMs: q.window, ...(q.workflowId === undefined ? {} : { workflowId: q.workflowId }) })));
  });

  app.post('/advice/:id/apply', async (c) => {
    const id = AdviceIdParam.safeParse(c.req.param('id'));
    if (!id.success) throw notFound('the advice');
    const body = await parseBody(c, ApplyBody);
    const workflowId = id.data.split(':')[1]!;
    // Recomputed, not trusted from the client: only advice that still holds is applied.
    const insights = await computeInsights(store, { now: clock.now(), windowMs: body.window, workflowId });
    const advice = insights.advice.find((a) => a.id === id.data);
    if (!advice) throw notFound('the advice (it no longer holds for the latest version)');
    if (advice.change === null) throw new ApiError('invalid_request', 'this advice takes a person: it has no change to apply');
    const current = await store.getWorkflow(workflowId);
    if (!current) throw notFound('the workflow');
    if (current.version !== advice.version) throw new ApiError('conflict', `the workflow is at version ${current.version}; the advice was for version ${advice.version}`);
    const changed = applyChange(current.definition, advice.change);
    if (!changed.ok) throw new ApiError('conflict', changed.reason);
    const { workflow, warnings } = await validateForStore(changed.workflow, definitions, store);
    if (current.active) await assertWebhooksFree(store, workflowId, workflow);
    // Stored only while the version the advice was computed from is still the latest.
    const stored = await store.updateWorkflowIfLatest(workflowId, advice.version, workflow, clock.now());
    if (!stored) throw notFound('the workflow');
    if (stored === 'moved') throw new ApiError('conflict', 'the workflow was saved again meanwhile; look at the advice for the new version');
    deps.webhooks.invalidateActive();
    return c.json({ applied: advice, workflow: presentWorkflow(stored, warnings) });
  });

  return app;
}
