import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTokenServer, startUpstream } from '@switchyard/testkit';
import type { RecordedUpstreamRequest, ResponseStep, TokenServer, TokenServerOptions, Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorkflow } from './support/fixtures.js';
import { eventually, shiftableClock, startHarness, type ApiAnswer, type Harness, type LooseJson } from './support/harness.js';

/** Every secret of these tests carries this, so one search finds any of them. */
const SENTINEL = 'SENTINEL-oauth2';
const CLIENT_SECRET = `${SENTINEL}-client:secret%+/=`;
const REFRESH_TOKEN = `${SENTINEL}-refresh-initial`;
const HOUR = 3_600_000;

const TERMINAL = ['succeeded', 'failed', 'needs_attention', 'cancelled', 'compensated'];

describe('OAuth2 credentials, end to end', () => {
  const clock = shiftableClock();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-oauth2-'));
  let h: Harness;
  let upstream: Upstream;
  const tokenServers: TokenServer[] = [];
  /** Every answer the API gave, searched for secrets at the end. */
  const answers: string[] = [];
  const runIds: string[] = [];
  let seq = 0;

  const api = async (...args: Parameters<Harness['api']>): Promise<ApiAnswer> => {
    const res = await h.api(...args);
    answers.push(res.text);
    return res;
  };

  beforeAll(async () => {
    h = await startHarness({ clock, dataDir });
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await h.close();
    await upstream.close();
    for (const ts of tokenServers) await ts.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function tokenServer(options: Partial<TokenServerOptions> = {}): Promise<TokenServer> {
    const ts = await startTokenServer({ clientId: 'switchyard-app', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, tokenPrefix: `${SENTINEL}-at`, ...options });
    tokenServers.push(ts);
    return ts;
  }

  /** An upstream route that accepts only the token server's current access token. */
  function protectedRoute(ts: TokenServer, refusal: ResponseStep = { status: 401, json: { error: 'invalid_token' } }): string {
    const route = `/api-${++seq}`;
    upstream.script('POST', route, (req: RecordedUpstreamRequest) => (ts.accepts(req.headers.authorization) ? { json: { ok: true } } : refusal));
    return route;
  }

  async function credential(ts: TokenServer, extra: Record<string, unknown> = {}): Promise<string> {
    const id = `oauth_${++seq}`;
    const res = await api('POST', '/api/credentials', { id, name: `OAuth ${id}`, kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'switchyard-app', clientSecret: CLIENT_SECRET, ...extra });
    expect(res.status).toBe(201);
    return id;
  }

  async function workflow(route: string, credentialId: string, retry?: Record<string, unknown>): Promise<string> {
    const wf = callWorkflow(`${upstream.url}${route}`, { credential: credentialId }) as { edges: Array<Record<string, unknown>> };
    if (retry !== undefined) wf.edges.push({ id: 'r1', kind: 'retry', source: 'call', target: 'call', retry });
    const res = await api('POST', '/api/workflows', wf);
    expect(res.status).toBe(201);
    return res.json.id as string;
  }

  async function start(workflowId: string): Promise<string> {
    const res = await api('POST', `/api/workflows/${workflowId}/runs`, { input: { n: 1 } });
    expect(res.status).toBe(201);
    runIds.push(res.json.runId as string);
    return res.json.runId as string;
  }

  async function finished(runId: string): Promise<LooseJson> {
    return eventually(async () => {
      const r = await api('GET', `/api/runs/${runId}`);
      return TERMINAL.includes(r.json.status) ? r.json : undefined;
    });
  }

  const callNode = (run: LooseJson): LooseJson => run.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
  const runOnce = async (workflowId: string): Promise<LooseJson> => finished(await start(workflowId));

  it('accepts an oauth2 credential, shows it without any secret, and refuses bad bodies with located issues', async () => {
    const ts = await tokenServer();
    const res = await api('POST', '/api/credentials', { id: 'crm_oauth', name: 'CRM', kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'switchyard-app', clientSecret: CLIENT_SECRET, scope: 'contacts', refreshToken: REFRESH_TOKEN });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: 'crm_oauth', name: 'CRM', kind: 'oauth2', status: 'ok', recoveryWorkflowId: null, updatedAt: expect.stringMatching(/Z$/) });
    expect((await api('GET', '/api/credentials/crm_oauth')).json).toEqual(res.json);

    const missing = await api('POST', '/api/credentials', { id: 'o_bad', name: 'x', kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'c' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.issues).toEqual([expect.objectContaining({ path: ['clientSecret'] })]);
    const badUrl = await api('POST', '/api/credentials', { id: 'o_bad', name: 'x', kind: 'oauth2', tokenUrl: `ftp://${CLIENT_SECRET}@a.example/t`, clientId: 'c', clientSecret: CLIENT_SECRET });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.error.details.issues).toEqual([expect.objectContaining({ path: ['tokenUrl'], message: 'tokenUrl is an http or https URL without user info' })]);
    const extra = await api('POST', '/api/credentials', { id: 'o_bad', name: 'x', kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'c', clientSecret: CLIENT_SECRET, accessToken: CLIENT_SECRET });
    expect(extra.status).toBe(400);
    expect((await api('GET', '/api/credentials/o_bad')).status).toBe(404);
  });

  it('gets a token by client credentials (HTTP Basic, form body, scope) and sends it as a bearer token', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const wf = await workflow(route, await credential(ts, { scope: 'contacts.read' }));
    const run = await runOnce(wf);
    expect(run.status).toBe('succeeded');
    expect(ts.grants).toEqual([
      { grantType: 'client_credentials', scope: 'contacts.read', refreshToken: undefined, clientAuth: 'basic', contentType: 'application/x-www-form-urlencoded', status: 200 },
    ]);
    expect(upstream.requests.filter((r) => r.path === route).map((r) => r.headers.authorization)).toEqual([`Bearer ${ts.issued[0]}`]);
    // The run history shows the header redacted.
    expect(callNode(run).attempts[0].request.headers.authorization).toBe('[redacted]');
  });

  it('shares one token request among many concurrent runs', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const wf = await workflow(route, await credential(ts));
    const release = ts.hold();
    const runIds = await Promise.all(Array.from({ length: 20 }, () => start(wf)));
    // Every run's call is in flight, waiting for the one token request held at the endpoint.
    await eventually(async () => {
      const runs = await Promise.all(runIds.map(async (id) => (await api('GET', `/api/runs/${id}`)).json));
      return runs.every((r) => callNode(r).status === 'running') && ts.waiting === 1 ? true : undefined;
    });
    release();
    const runs = await Promise.all(runIds.map(finished));
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => 'succeeded'));
    expect(ts.grants).toHaveLength(1);
    expect(new Set(upstream.requests.filter((r) => r.path === route).map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${ts.issued[0]}`]));
  });

  it('keeps the token until shortly before it expires, then gets a new one', async () => {
    const ts = await tokenServer({ expiresInSec: 3600 });
    const route = protectedRoute(ts);
    const wf = await workflow(route, await credential(ts));
    expect((await runOnce(wf)).status).toBe('succeeded');
    clock.shift(HOUR - 2 * 60_000);
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants).toHaveLength(1);
    // Within the last minute of its hour it is replaced before use.
    clock.shift(90_000);
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants).toHaveLength(2);
    expect(upstream.requests.filter((r) => r.path === route).map((r) => r.headers.authorization)).toEqual([`Bearer ${ts.issued[0]}`, `Bearer ${ts.issued[0]}`, `Bearer ${ts.issued[1]}`]);
  });

  it('refreshes once and repeats once when the upstream refuses the token; the run succeeds in one attempt', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const id = await credential(ts);
    const wf = await workflow(route, id);
    expect((await runOnce(wf)).status).toBe('succeeded');
    ts.revokeAccessToken();
    const run = await runOnce(wf);
    expect(run.status).toBe('succeeded');
    expect(callNode(run).attempts).toHaveLength(1);
    expect(ts.grants).toHaveLength(2);
    expect(upstream.requests.filter((r) => r.path === route).map((r) => r.headers.authorization)).toEqual([`Bearer ${ts.issued[0]}`, `Bearer ${ts.issued[0]}`, `Bearer ${ts.issued[1]}`]);
    // The refused first try is no auth failure of the credential.
    expect((await api('GET', `/api/credentials/${id}`)).json.status).toBe('ok');
  });

  it('fails the node with auth when the new token is refused too, without further repeats or retries', async () => {
    const ts = await tokenServer();
    const route = `/api-${++seq}`;
    upstream.script('POST', route, [{ status: 401, json: { error: 'invalid_token' } }]);
    // A retry edge that would retry auth: the refresh-once rule still sends only two requests per attempt.
    const wf = await workflow(route, await credential(ts), { maxAttempts: 3, initialDelayMs: 1, on: ['server'] });
    const run = await runOnce(wf);
    expect(run.status).toBe('failed');
    const call = callNode(run);
    expect(call.error).toMatchObject({ category: 'auth', httpStatus: 401 });
    expect(call.error.message).toContain('refused again with a new access token');
    expect(call.attempts).toHaveLength(1);
    expect(upstream.countFor('POST', route)).toBe(2);
    expect(ts.grants).toHaveLength(2);
  });

  it('uses the refresh-token grant, stores a rotated refresh token encrypted, and uses it after a restart', async () => {
    const ts = await tokenServer({ rotateRefreshTokens: true });
    const route = protectedRoute(ts);
    const id = await credential(ts, { refreshToken: REFRESH_TOKEN });
    const wf = await workflow(route, id);
    expect((await runOnce(wf)).status).toBe('succeeded');
    clock.shift(HOUR);
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants.map((g) => [g.grantType, g.refreshToken, g.status])).toEqual([
      ['refresh_token', REFRESH_TOKEN, 200],
      ['refresh_token', ts.rotatedRefreshTokens[0], 200],
    ]);
    // Rotation is no new secret: the view's updatedAt stays.
    const before = (await api('GET', `/api/credentials/${id}`)).json;

    await h.server.close();
    h = await startHarness({ clock, dataDir });
    expect((await api('GET', `/api/credentials/${id}`)).json).toEqual(before);
    expect((await runOnce(wf)).status).toBe('succeeded');
    // The restarted server had no token cached, and asked with the newest refresh token it stored.
    expect(ts.grants.at(-1)).toMatchObject({ grantType: 'refresh_token', refreshToken: ts.rotatedRefreshTokens[1], status: 200 });
    expect(ts.grants).toHaveLength(3);
  });

  it('classifies invalid_grant as auth and locks the credential after 3; then nothing is sent', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const id = await credential(ts, { refreshToken: `${SENTINEL}-refresh-revoked` });
    const wf = await workflow(route, id);
    for (let i = 0; i < 3; i++) {
      const call = callNode(await runOnce(wf));
      expect(call.error.category).toBe('auth');
      expect(call.error.message).toContain('invalid_grant');
      expect(call.attempts[0].request).toBeNull();
    }
    expect((await api('GET', `/api/credentials/${id}`)).json.status).toBe('locked');
    const blocked = callNode(await runOnce(wf));
    expect(blocked.error.category).toBe('credential_locked');
    expect(ts.grants).toHaveLength(3);
    expect(upstream.countFor('POST', route)).toBe(0);

    // Saving a new secret clears the lock, and the new refresh token is used.
    expect((await api('PUT', `/api/credentials/${id}`, { name: 'fixed', kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'switchyard-app', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN })).json.status).toBe('ok');
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants.at(-1)).toMatchObject({ refreshToken: REFRESH_TOKEN, status: 200 });
  });

  it('treats a token endpoint answering 503 as a retryable server failure', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const id = await credential(ts);
    ts.refuseNext({ status: 503 });
    const wf = await workflow(route, id, { maxAttempts: 2, initialDelayMs: 1, backoff: 'fixed', jitter: 'none' });
    const run = await runOnce(wf);
    expect(run.status).toBe('succeeded');
    const attempts = callNode(run).attempts;
    expect(attempts.map((a: LooseJson) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(attempts[0].error.category).toBe('server');
    expect(attempts[0].error.message).toContain('token endpoint');
    expect(attempts[0].request).toBeNull();
    expect(ts.grants.map((g) => g.status)).toEqual([503, 200]);
    expect((await api('GET', `/api/credentials/${id}`)).json.status).toBe('ok');
  });

  it('drops the cached token when a new secret is saved', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const id = await credential(ts);
    const wf = await workflow(route, id);
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants).toHaveLength(1);
    await api('PUT', `/api/credentials/${id}`, { name: 'again', kind: 'oauth2', tokenUrl: ts.tokenUrl, clientId: 'switchyard-app', clientSecret: CLIENT_SECRET });
    expect((await runOnce(wf)).status).toBe('succeeded');
    expect(ts.grants).toHaveLength(2);
  });

  it('sends token requests through the SSRF guard: a local host name is refused and nothing is sent', async () => {
    const ts = await tokenServer();
    const route = protectedRoute(ts);
    const wf = await workflow(route, await credential(ts, { tokenUrl: ts.tokenUrl.replace('127.0.0.1', 'localhost') }));
    const call = callNode(await runOnce(wf));
    expect(call.error.category).toBe('invalid_request');
    expect(call.error.message).toMatch(/token endpoint .* not allowed/);
    expect(ts.grants).toHaveLength(0);
  });

  it('never shows a secret (client secret, refresh tokens, issued access tokens) in answers, logs or the database', async () => {
    await h.server.engine.idle();
    // Read every run, its recorded exchanges and its events too.
    await api('GET', '/api/runs');
    for (const id of runIds) {
      const run = (await api('GET', `/api/runs/${id}`)).json;
      await api('GET', `/api/runs/${id}/events`);
      const call = callNode(run);
      for (const attempt of call?.attempts ?? []) {
        await api('GET', `/api/runs/${id}/nodes/call/attempts/${attempt.number}/request`);
        await api('GET', `/api/runs/${id}/nodes/call/attempts/${attempt.number}/response`);
      }
    }
    const secrets = [CLIENT_SECRET, REFRESH_TOKEN, ...tokenServers.flatMap((ts) => [...ts.issued, ...ts.rotatedRefreshTokens])];
    expect(secrets.length).toBeGreaterThan(15);
    const forms = secrets.flatMap((s) => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)]);
    const places: Array<[string, string]> = [
      ['answers', answers.join('\n')],
      ['logs', h.logs.join('')],
      ...fs
        .readdirSync(dataDir)
        .filter((f) => f.startsWith('switchyard.db'))
        .map((f): [string, string] => [f, fs.readFileSync(path.join(dataDir, f)).toString('latin1')]),
    ];
    for (const [where, text] of places) {
      for (const form of forms) expect(text.includes(form), `${where} holds a secret`).toBe(false);
      // The sentinel itself appears nowhere either (a secret cut or re-encoded differently).
      expect(text.includes(SENTINEL), `${where} holds the sentinel`).toBe(false);
    }
  });
});
