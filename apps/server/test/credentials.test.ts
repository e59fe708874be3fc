import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startUpstream, type Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '../src/credentials/cipher.js';
import { loadSecretKey, parseSecretKey } from '../src/credentials/secret-key.js';
import { callWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

const SENTINEL = 'SENTINEL-7f3a-credential-value';
const forms = [SENTINEL, Buffer.from(SENTINEL).toString('base64'), encodeURIComponent(SENTINEL)];

function expectNoSecret(text: string): void {
  for (const f of forms) expect(text).not.toContain(f);
}

describe('credentials API', () => {
  let h: Harness;
  let upstream: Upstream;
  const seen: string[] = [];
  const api = async (...args: Parameters<Harness['api']>) => {
    const res = await h.api(...args);
    seen.push(res.text);
    return res;
  };
  beforeAll(async () => {
    h = await startHarness();
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await h.close();
    await upstream.close();
  });

  it('is write-only: answers show id, name, kind, status, recovery workflow and updatedAt, never the secret', async () => {
    const created = await api('POST', '/api/credentials', { id: 'echo_token', name: 'Echo', kind: 'bearer', token: SENTINEL });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: 'echo_token', name: 'Echo', kind: 'bearer', status: 'ok', recoveryWorkflowId: null, updatedAt: expect.stringMatching(/Z$/) });
    expect((await api('GET', '/api/credentials')).json.items).toEqual([created.json]);
    expect((await api('GET', '/api/credentials/echo_token')).json).toEqual(created.json);
    expect((await api('POST', '/api/credentials', { id: 'echo_token', name: 'x', kind: 'bearer', token: SENTINEL })).status).toBe(409);
    const updated = await api('PUT', '/api/credentials/echo_token', { name: 'Echo 2', kind: 'bearer', token: SENTINEL });
    expect(updated.status).toBe(200);
    expect(updated.json.name).toBe('Echo 2');
    // Error paths do not echo what was sent.
    const bad = await api('POST', '/api/credentials', { id: 'bad_one', name: 'x', kind: 'bearer', token: SENTINEL, extra: SENTINEL });
    expect(bad.status).toBe(400);
    const wrongKind = await api('POST', '/api/credentials', { id: 'bad_two', name: 'x', kind: 'basic', username: 5, password: SENTINEL });
    expect(wrongKind.status).toBe(400);
    for (const res of [created, updated]) expectNoSecret(res.text);
  });

  it('accepts basic, apiKey, hmac and oauth2', async () => {
    expect((await api('POST', '/api/credentials', { id: 'b1', name: 'B', kind: 'basic', username: 'u', password: SENTINEL })).status).toBe(201);
    expect((await api('POST', '/api/credentials', { id: 'k1', kind: 'apiKey', in: 'header', name: 'x-api-key', value: SENTINEL })).status).toBe(201);
    expect((await api('POST', '/api/credentials', { id: 'h1', name: 'H', kind: 'hmac', secret: SENTINEL })).status).toBe(201);
    const oauth = await api('POST', '/api/credentials', { id: 'o1', name: 'O', kind: 'oauth2', tokenUrl: 'https://a.example/t', clientId: 'c', clientSecret: SENTINEL });
    expect(oauth.status).toBe(201);
    expect(oauth.json).toMatchObject({ id: 'o1', kind: 'oauth2', status: 'ok' });
    expectNoSecret(oauth.text);
    expect((await api('DELETE', '/api/credentials/b1')).status).toBe(204);
    expect((await api('DELETE', '/api/credentials/b1')).status).toBe(404);
  });

  it('http.request applies the credential; the secret is in no answer, run record, log line or the database file', async () => {
    upstream.script('POST', '/echo', [{ echoHeaders: true }]);
    const wf = (await api('POST', '/api/workflows', callWorkflow(`${upstream.url}/echo`, { credential: 'echo_token' }))).json;
    expect(wf.warnings).toEqual([]);
    const runId = (await api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: 1 } })).json.runId as string;
    const run = await eventually(async () => {
      const r = await api('GET', `/api/runs/${runId}`);
      return r.json.status === 'succeeded' ? r : undefined;
    });
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SENTINEL}`);
    await api('GET', `/api/runs/${runId}/nodes/call/attempts/1/request`);
    await api('GET', `/api/runs/${runId}/nodes/call/attempts/1/response`);
    await api('GET', `/api/runs/${runId}/nodes/call/output`);
    await api('GET', `/api/runs/${runId}/events`);
    expect(run.json.nodes.length).toBe(3);
    for (const text of seen) expectNoSecret(text);
    expectNoSecret(h.logs.join(''));
    await h.server.engine.idle();
    for (const file of fs.readdirSync(h.dataDir)) {
      if (file.startsWith('switchyard.db')) expectNoSecret(fs.readFileSync(path.join(h.dataDir, file)).toString('latin1'));
    }
  });

  it('locks a credential after 3 auth failures: nodes then fail with credential_locked and send nothing; unlock or a new secret clears it', async () => {
    expect((await api('POST', '/api/credentials', { id: 'lock_me', name: 'Lock me', kind: 'bearer', token: SENTINEL })).status).toBe(201);
    const refused = { status: 401, json: { error: 'bad token' } };
    upstream.script('POST', '/locking', [refused, refused, refused, { json: { ok: true } }]);
    const wf = (await api('POST', '/api/workflows', callWorkflow(`${upstream.url}/locking`, { credential: 'lock_me' }))).json;
    const runOnce = async (): Promise<{ status: string; call: { status: string; error: { category: string } | null } }> => {
      const runId = (await api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: 1 } })).json.runId as string;
      const run = await eventually(async () => {
        const r = await api('GET', `/api/runs/${runId}`);
        return ['failed', 'succeeded'].includes(r.json.status) ? r.json : undefined;
      });
      return { status: run.status, call: run.nodes.find((n: { nodeId: string }) => n.nodeId === 'call') };
    };
    for (let i = 0; i < 3; i++) expect((await runOnce()).call.error?.category).toBe('auth');
    const locked = (await api('GET', '/api/credentials/lock_me')).json;
    expect(locked).toMatchObject({ status: 'locked', lockedAt: expect.stringMatching(/Z$/) });
    expect(h.logs.join('')).toContain('credential locked');

    // Locked: the node fails at once and the provider sees nothing more.
    const blocked = await runOnce();
    expect(blocked.status).toBe('failed');
    expect(blocked.call.error?.category).toBe('credential_locked');
    expect(upstream.countFor('POST', '/locking')).toBe(3);

    const unlocked = await api('POST', '/api/credentials/lock_me/unlock');
    expect(unlocked.status).toBe(200);
    expect(unlocked.json.status).toBe('ok');
    expect(unlocked.json.lockedAt).toBeUndefined();
    expect((await runOnce()).status).toBe('succeeded');
    expect(upstream.countFor('POST', '/locking')).toBe(4);

    // Saving a new secret clears a lock as well.
    for (let i = 0; i < 3; i++) await h.server.store.recordCredentialAuthFailure('lock_me', Date.now(), { threshold: 3, windowMs: 600_000 });
    expect((await api('GET', '/api/credentials/lock_me')).json.status).toBe('locked');
    expect((await api('PUT', '/api/credentials/lock_me', { name: 'Lock me', kind: 'bearer', token: `${SENTINEL}-2` })).json.status).toBe('ok');
    expect((await api('POST', '/api/credentials/nobody/unlock')).status).toBe(404);
  });

  it("a locked credential starts its recovery workflow with the context, never the secret", async () => {
    const at = { x: 0, y: 0 };
    const recovery = {
      schemaVersion: 1,
      name: 'Renew the token',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: at, params: {} },
        { id: 'note', type: 'transform', position: at, params: { expression: "{{ $trigger.body.event & ' ' & $trigger.body.credential.id }}" } },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'note' }],
    };
    const recoveryId = (await api('POST', '/api/workflows', recovery)).json.id as string;
    const created = await api('POST', '/api/credentials', { id: 'recover_me', name: 'Recover me', kind: 'bearer', token: SENTINEL, recoveryWorkflowId: recoveryId });
    expect(created.json).toMatchObject({ recoveryWorkflowId: recoveryId, status: 'ok' });
    upstream.script('POST', '/recovering', [{ status: 401 }]);
    const wf = (await api('POST', '/api/workflows', callWorkflow(`${upstream.url}/recovering`, { credential: 'recover_me' }))).json;
    for (let i = 0; i < 3; i++) {
      const runId = (await api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: i } })).json.runId as string;
      await eventually(async () => ((await api('GET', `/api/runs/${runId}`)).json.status === 'failed' ? true : undefined));
    }
    const started = await eventually(async () => {
      const items = (await api('GET', `/api/runs?workflowId=${recoveryId}`)).json.items;
      return items.length === 1 && items[0].status === 'succeeded' ? items[0] : undefined;
    });
    const detail = (await api('GET', `/api/runs/${started.id}`)).json;
    expect(detail.nodes.find((n: { nodeId: string }) => n.nodeId === 'note').output).toBe('credential_locked recover_me');
    expect(JSON.stringify(detail)).not.toContain(SENTINEL);
    expect(h.logs.join('')).toContain('recovery workflow started for a locked credential');
  });

  it('defers a node whose credential is locked, and starts it over once the credential is unlocked', async () => {
    expect((await api('POST', '/api/credentials', { id: 'defer_me', name: 'Defer me', kind: 'bearer', token: SENTINEL })).status).toBe(201);
    for (let i = 0; i < 3; i++) await h.server.store.recordCredentialAuthFailure('defer_me', Date.now(), { threshold: 3, windowMs: 600_000 });
    upstream.script('POST', '/deferred', [{ json: { ok: true } }]);
    const workflow = callWorkflow(`${upstream.url}/deferred`, { credential: 'defer_me' }) as { nodes: Array<Record<string, unknown>> };
    workflow.nodes.find((n) => n.id === 'call')!.policy = { defer: { maxWaitMs: 60_000, checkEveryMs: 50 } };
    const wf = (await api('POST', '/api/workflows', workflow)).json;
    const runId = (await api('POST', `/api/workflows/${wf.id}/runs`, { input: { n: 1 } })).json.runId as string;
    const parked = await eventually(async () => {
      const r = (await api('GET', `/api/runs/${runId}`)).json;
      return r.status === 'waiting' ? r : undefined;
    });
    expect(parked.nodes.find((n: { nodeId: string }) => n.nodeId === 'call')).toMatchObject({ status: 'deferred', error: { category: 'credential_locked' }, deferredUntil: expect.stringMatching(/Z$/) });
    expect(upstream.countFor('POST', '/deferred')).toBe(0);

    expect((await api('POST', '/api/credentials/defer_me/unlock')).status).toBe(200);
    const done = await eventually(async () => {
      const r = (await api('GET', `/api/runs/${runId}`)).json;
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(done.nodes.find((n: { nodeId: string }) => n.nodeId === 'call').attempts.map((a: { outcome: string }) => a.outcome).slice(-1)).toEqual(['succeeded']);
    expect(upstream.countFor('POST', '/deferred')).toBe(1);
  });

  it('creates the key file with mode 0600; keys parse as hex or base64', async () => {
    const key = loadSecretKey(undefined, h.dataDir);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey('short')).toBeUndefined();
    expect(fs.statSync(path.join(h.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});

describe('the credential key at startup', () => {
  it('refuses to start when credentials exist but the key file is gone, rather than make a new key', async () => {
    const first = await startHarness();
    const dataDir = first.dataDir;
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-keep-'));
    try {
      await first.api('POST', '/api/credentials', { id: 'c1', name: 'C', kind: 'bearer', token: 'x-token-value' });
      await first.server.close();
      fs.cpSync(dataDir, keep, { recursive: true });
      fs.rmSync(path.join(keep, 'secret.key'));
      await expect(startHarness({ dataDir: keep })).rejects.toThrow(/key file .* is missing but credentials are stored/);
      // With the key given as a variable it starts.
      const key = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim();
      const second = await startHarness({ dataDir: keep, env: { SWITCHYARD_SECRET_KEY: key } });
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(keep, { recursive: true, force: true });
    }
  });
});

describe('credential encryption', () => {
  const key = Buffer.alloc(32, 7);

  it('round-trips, and refuses a flipped bit, a short tag, another row id or another key', () => {
    const stored = encryptSecret(key, 'cred_a', 'hello');
    expect(stored).not.toContain('hello');
    expect(decryptSecret(key, 'cred_a', stored)).toBe('hello');
    // Two encryptions differ (random nonce).
    expect(encryptSecret(key, 'cred_a', 'hello')).not.toBe(stored);
    const [v, nonce, body, tag] = stored.split(':') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(key, 'cred_a', [v, nonce, flipped.toString('base64'), tag].join(':'))).toThrow(/cannot be decrypted/);
    const shortTag = Buffer.from(tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => decryptSecret(key, 'cred_a', [v, nonce, body, shortTag].join(':'))).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(key, 'cred_b', stored)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(Buffer.alloc(32, 8), 'cred_a', stored)).toThrow(/cannot be decrypted/);
  });

  it('refuses a malformed SWITCHYARD_SECRET_KEY', () => {
    expect(() => loadSecretKey('not-a-key', '/nonexistent')).toThrow(/SWITCHYARD_SECRET_KEY/);
  });
});
