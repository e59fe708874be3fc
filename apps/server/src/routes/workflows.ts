import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { EngineError } from '@switchyard/engine';
import type { RunStatus, Store, StoredWorkflow } from '@switchyard/engine';
import { RUN_MODES } from '@switchyard/schema';
import type { ValidationIssue } from '@switchyard/schema';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { noneMatchHolds, parseIfMatch, versionEtag } from '../http/etag.js';
import { parseBody, readJson } from '../http/parse-input.js';
import { iso } from '../http/iso-time.js';
import { presentWorkflow } from '../workflows/present.js';
import { validateForStore } from '../workflows/validate-input.js';
import { assertWebhooksFree } from '../workflows/webhook-triggers.js';

// `mode: 'test'` starts a test run (kept apart from production figures: docs/testing-workflows.md).
const ManualRunBody = z.strictObject({ input: z.json().optional(), version: z.number().int().min(1).optional(), mode: z.enum(RUN_MODES).optional() });
const VersionParam = z.coerce.number().int().min(1);

const LIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting'];

/** The runs of a workflow that have not ended. */
async function liveRunIds(store: Pick<Store, 'listRuns'>, workflowId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const status of LIVE_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await store.listRuns({ workflowId, status, limit: 200, ...(cursor === undefined ? {} : { cursor }) });
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return ids;
}

/** A URL-safe id the client did not choose: `wf_` and 16 hex digits. */
function defaultWorkflowId(): string {
  return `wf_${randomBytes(8).toString('hex')}`;
}

export function workflowRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock, definitions, engine, schedules } = deps;
  /** A workflow as shown, with when its schedule fires next while it is planned. */
  const present = (stored: StoredWorkflow, warnings?: ValidationIssue[]): Record<string, unknown> => {
    const next = schedules.nextFireAt(stored.id);
    return { ...presentWorkflow(stored, warnings), ...(next === undefined ? {} : { nextFireAt: iso(next) }) };
  };
  const newId = deps.newWorkflowId ?? defaultWorkflowId;
  const app = new Hono<AppEnv>();
  // Any change to a workflow may change which webhooks answer: the delivery path re-reads them.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET') deps.webhooks.invalidateActive();
  });

  app.get('/', async (c) => {
    const items = (await store.listWorkflows()).map((w) => {
      const next = schedules.nextFireAt(w.id);
      return { id: w.id, name: w.name, version: w.version, active: w.active, updatedAt: iso(w.updatedAt), ...(next === undefined ? {} : { nextFireAt: iso(next) }) };
    });
    return c.json({ items });
  });

  app.post('/', async (c) => {
    const { workflow, warnings } = await validateForStore(await readJson(c), definitions, store);
    const stored = await store.createWorkflow(newId(), workflow, clock.now());
    c.header('ETag', versionEtag(stored.version));
    return c.json(present(stored, warnings), 201);
  });

  app.post('/validate', async (c) => {
    const { warnings } = await validateForStore(await readJson(c), definitions, store);
    return c.json({ ok: true, warnings });
  });

  app.get('/:id', async (c) => {
    const stored = await store.getWorkflow(c.req.param('id'));
    if (!stored) throw notFound('the workflow');
    c.header('ETag', versionEtag(stored.version));
    if (noneMatchHolds(c.req.header('if-none-match'), stored.version)) return c.body(null, 304);
    return c.json(present(stored));
  });

  app.get('/:id/versions', async (c) => {
    const id = c.req.param('id');
    const versions = await store.listWorkflowVersions(id);
    if (versions.length === 0) throw notFound('the workflow');
    return c.json({ items: versions.map((v) => ({ version: v.version, createdAt: iso(v.createdAt) })) });
  });

  app.get('/:id/versions/:version', async (c) => {
    const version = VersionParam.safeParse(c.req.param('version'));
    if (!version.success) throw notFound('that version');
    const stored = await store.getWorkflowVersion(c.req.param('id'), version.data);
    if (!stored) throw notFound('that version');
    return c.json(presentWorkflow(stored));
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    const { workflow, warnings } = await validateForStore(await readJson(c), definitions, store);
    const current = await store.getWorkflow(id);
    if (!current) throw notFound('the workflow');
    const stale = (currentVersion: number): ApiError =>
      new ApiError('precondition_failed', `the workflow was saved meanwhile: it is at version ${currentVersion}, this change was based on ${ifMatch === 'any' || ifMatch === undefined ? 'another' : `version ${ifMatch.join(' or ')}`}`, { currentVersion }, { ETag: versionEtag(currentVersion) });
    if (Array.isArray(ifMatch) && !ifMatch.includes(current.version)) throw stale(current.version);
    // An active workflow's triggers switch to the new version at once, so its paths must be free.
    if (current.active) await assertWebhooksFree(store, id, workflow);
    // With If-Match, the compare and the write are one transaction: of two saves based on the
    // same version, exactly one is stored. Without it (scripts), the last save wins.
    const stored = Array.isArray(ifMatch)
      ? await store.updateWorkflowIfLatest(id, current.version, workflow, clock.now())
      : await store.updateWorkflow(id, workflow, clock.now());
    if (!stored) throw notFound('the workflow');
    if (stored === 'moved') throw stale((await store.getWorkflow(id))?.version ?? current.version + 1);
    await schedules.refresh(id);
    c.header('ETag', versionEtag(stored.version));
    return c.json(present(stored, warnings));
  });

  app.post('/:id/activate', async (c) => {
    const id = c.req.param('id');
    const current = await store.getWorkflow(id);
    if (!current) throw notFound('the workflow');
    await assertWebhooksFree(store, id, current.definition);
    await store.setWorkflowActive(id, true, clock.now());
    await schedules.refresh(id);
    const stored = await store.getWorkflow(id);
    if (!stored) throw notFound('the workflow');
    return c.json(present(stored));
  });

  app.post('/:id/deactivate', async (c) => {
    const id = c.req.param('id');
    if (!(await store.setWorkflowActive(id, false, clock.now()))) throw notFound('the workflow');
    await schedules.refresh(id);
    const stored = await store.getWorkflow(id);
    if (!stored) throw notFound('the workflow');
    return c.json(present(stored));
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await store.deleteWorkflow(id, clock.now()))) throw notFound('the workflow');
    await schedules.refresh(id);
    // A deleted workflow's runs stop: nothing should go on calling integrations for a workflow
    // nobody can see any more. They are cancelled without compensation (cancel one with
    // compensation first if its effects must be undone); they stay readable.
    for (const runId of await liveRunIds(store, id)) {
      try {
        await engine.cancelRun(runId);
      } catch (error) {
        // Ended meanwhile: nothing to stop.
        if (!(error instanceof EngineError) || (error.code !== 'conflict' && error.code !== 'not_found')) throw error;
      }
    }
    return c.body(null, 204);
  });

  app.post('/:id/runs', async (c) => {
    const body = await parseBody(c, ManualRunBody);
    const trigger = { kind: 'manual' as const, body: body.input ?? null };
    const run = await engine.startRun({
      workflowId: c.req.param('id'),
      trigger,
      ...(body.version === undefined ? {} : { version: body.version }),
      ...(body.mode === undefined ? {} : { mode: body.mode }),
    });
    return c.json({ runId: run.id }, 201);
  });

  return app;
}
