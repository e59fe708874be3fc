import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayWorkflow, manualWorkflow, webhookWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

describe('workflows API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a workflow with a generated URL-safe id, version 1, inactive, ignoring server fields', async () => {
    const res = await h.api('POST', '/api/workflows', { ...manualWorkflow('Create me'), id: 'client-id', version: 9, active: true, warnings: ['x'] });
    expect(res.status).toBe(201);
    expect(res.json.id).toMatch(/^wf_[0-9a-f]{16}$/);
    expect(res.json).toMatchObject({ version: 1, active: false, name: 'Create me', warnings: [] });
    expect(res.json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('refuses an invalid workflow with 400 invalid_workflow and located issues; stores nothing', async () => {
    const before = (await h.api('GET', '/api/workflows')).json.items.length;
    const bad = manualWorkflow();
    (bad.nodes as Array<Record<string, unknown>>)[1] = { id: 'double', type: 'transform', position: { x: 0, y: 0 }, params: {} };
    const res = await h.api('POST', '/api/workflows', bad);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_workflow');
    expect(res.json.error.details.issues.length).toBeGreaterThan(0);
    expect(res.json.error.details.issues[0].path).toEqual(expect.arrayContaining(['nodes', 1]));
    expect((await h.api('GET', '/api/workflows')).json.items.length).toBe(before);
  });

  it('answers malformed JSON with invalid_request', async () => {
    const res = await h.raw('POST', '/api/workflows', { body: '{"schemaVersion":', headers: { authorization: 'Bearer sy_test_bootstrap_key_0123456789abcdef', 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_request');
  });

  it('warns about unregistered integrations and validates without storing', async () => {
    const wf = manualWorkflow('With integration');
    (wf.nodes as unknown[]).push({ id: 'call', type: 'http.request', integration: 'nowhere', position: { x: 0, y: 0 }, params: { method: 'GET', url: 'https://example.com/x' } });
    (wf.edges as unknown[]).push({ id: 'e2', kind: 'next', source: 'double', target: 'call' });
    const res = await h.api('POST', '/api/workflows/validate', wf);
    expect(res.status).toBe(200);
    expect(res.json.ok).toBe(true);
    expect(res.json.warnings.length).toBeGreaterThan(0);
    const invalid = await h.api('POST', '/api/workflows/validate', { schemaVersion: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('invalid_workflow');
  });

  it('lists, reads, updates as a new version and keeps earlier versions', async () => {
    const created = (await h.api('POST', '/api/workflows', manualWorkflow('v1'))).json;
    const updated = await h.api('PUT', `/api/workflows/${created.id}`, { ...manualWorkflow('v2'), id: 'ignored' });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: created.id, version: 2, name: 'v2' });
    expect((await h.api('GET', `/api/workflows/${created.id}`)).json).toMatchObject({ version: 2, name: 'v2' });
    const versions = await h.api('GET', `/api/workflows/${created.id}/versions`);
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await h.api('GET', `/api/workflows/${created.id}/versions/1`)).json).toMatchObject({ version: 1, name: 'v1' });
    expect((await h.api('GET', `/api/workflows/${created.id}/versions/7`)).status).toBe(404);
    const list = (await h.api('GET', '/api/workflows')).json.items;
    expect(list).toContainEqual(expect.objectContaining({ id: created.id, name: 'v2', version: 2, active: false }));
    expect((await h.api('PUT', '/api/workflows/wf_missing', manualWorkflow())).status).toBe(404);
    expect((await h.api('GET', '/api/workflows/wf_missing')).json.error.code).toBe('not_found');
  });

  it('lost updates: GET answers the version as ETag; of two saves based on the same version, one is stored and the other gets 412', async () => {
    const created = await h.api('POST', '/api/workflows', manualWorkflow('base'));
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.json.id as string;
    const read = await h.api('GET', `/api/workflows/${id}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toBe('"1"');
    expect((await h.api('GET', `/api/workflows/${id}`, undefined, { 'if-none-match': etag })).status).toBe(304);

    const [a, b] = await Promise.all([
      h.api('PUT', `/api/workflows/${id}`, manualWorkflow('from A'), { 'if-match': etag }),
      h.api('PUT', `/api/workflows/${id}`, manualWorkflow('from B'), { 'if-match': etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.headers.get('etag')).toBe('"2"');
    expect(lost.json.error).toMatchObject({ code: 'precondition_failed', details: { currentVersion: 2 } });
    expect(lost.json.error.message).toContain('version 2');
    expect(lost.headers.get('etag')).toBe('"2"');
    // Nothing was dropped silently: the stored version is the winner's, and there is no version 3.
    expect((await h.api('GET', `/api/workflows/${id}`)).json).toMatchObject({ version: 2, name: won === a ? 'from A' : 'from B' });
    expect((await h.api('GET', `/api/workflows/${id}/versions`)).json.items).toHaveLength(2);

    // Saved again over the version now stored, it goes through; `*` and no If-Match (scripts) always do.
    expect((await h.api('PUT', `/api/workflows/${id}`, manualWorkflow('again'), { 'if-match': '"2"' })).status).toBe(200);
    expect((await h.api('PUT', `/api/workflows/${id}`, manualWorkflow('any'), { 'if-match': '*' })).status).toBe(200);
    expect((await h.api('PUT', `/api/workflows/${id}`, manualWorkflow('script'))).json.version).toBe(5);
    // A weak tag never matches under If-Match; a tag that is not ours is a located 400.
    expect((await h.api('PUT', `/api/workflows/${id}`, manualWorkflow('weak'), { 'if-match': 'W/"5"' })).status).toBe(412);
    const bad = await h.api('PUT', `/api/workflows/${id}`, manualWorkflow('bad'), { 'if-match': 'v5' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('If-Match');
  });

  it('activates and deactivates; 409 when another active workflow holds the webhook path and method', async () => {
    const a = (await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'shared-path' }))).json;
    const b = (await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'shared-path' }))).json;
    const c = (await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'shared-path', method: 'PUT' }))).json;
    expect((await h.api('POST', `/api/workflows/${a.id}/activate`)).json.active).toBe(true);
    const clash = await h.api('POST', `/api/workflows/${b.id}/activate`);
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('conflict');
    expect((await h.api('POST', `/api/workflows/${c.id}/activate`)).status).toBe(200);
    // An active workflow updated onto a taken path is refused too.
    const d = (await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'other-path' }))).json;
    await h.api('POST', `/api/workflows/${d.id}/activate`);
    expect((await h.api('PUT', `/api/workflows/${d.id}`, webhookWorkflow({ path: 'shared-path' }))).status).toBe(409);
    expect((await h.api('POST', `/api/workflows/${a.id}/deactivate`)).json.active).toBe(false);
    expect((await h.api('POST', `/api/workflows/${b.id}/activate`)).status).toBe(200);
    expect((await h.api('POST', '/api/workflows/wf_nope/activate')).status).toBe(404);
  });

  it('starts a manual run (201 runId) whose trigger is { kind: manual, body: input }', async () => {
    const wf = (await h.api('POST', '/api/workflows', manualWorkflow())).json;
    const res = await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: 21 } });
    expect(res.status).toBe(201);
    const run = await eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${res.json.runId}`)).json;
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.trigger).toEqual({ kind: 'manual', body: { n: 21 } });
    expect(run.nodes.find((n: { nodeId: string }) => n.nodeId === 'double').output).toEqual({ doubled: 42 });
    expect((await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: 1, version: 5 })).status).toBe(404);
    expect((await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: 1, extra: true })).json.error.code).toBe('invalid_request');
  });

  it('deleting a workflow stops its live runs (cancelled, still readable)', async () => {
    const wf = (await h.api('POST', '/api/workflows', delayWorkflow(600_000))).json;
    const runId = (await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: {} })).json.runId as string;
    await eventually(async () => ((await h.api('GET', `/api/runs/${runId}`)).json.status === 'waiting' ? true : undefined), { what: 'the run to wait on its delay' });
    expect((await h.api('DELETE', `/api/workflows/${wf.id}`)).status).toBe(204);
    const run = (await h.api('GET', `/api/runs/${runId}`)).json;
    expect(run.status).toBe('cancelled');
    expect(run.nodes.find((n: { nodeId: string }) => n.nodeId === 'wait').status).toBe('cancelled');
  });

  it('deletes (204): gone from lists, its versions and runs stay readable', async () => {
    const wf = (await h.api('POST', '/api/workflows', manualWorkflow('to delete'))).json;
    const runId = (await h.api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: 1 } })).json.runId;
    expect((await h.api('DELETE', `/api/workflows/${wf.id}`)).status).toBe(204);
    expect((await h.api('GET', '/api/workflows')).json.items.map((w: { id: string }) => w.id)).not.toContain(wf.id);
    expect((await h.api('GET', `/api/workflows/${wf.id}/versions/1`)).status).toBe(200);
    expect((await h.api('GET', `/api/runs/${runId}`)).status).toBe(200);
    expect((await h.api('DELETE', `/api/workflows/${wf.id}`)).status).toBe(404);
  });
});
