import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, isPublicApiRoute } from '../src/app.js';
import { resolveConfig } from '../src/config.js';
import { startServer } from '../src/start.js';
import { startHarness, TEST_API_KEY, type Harness } from './support/harness.js';

describe('API authentication', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('every /api route but the public ones answers 401 without a key; health is public', async () => {
    expect((await h.raw('GET', '/api/health')).json).toEqual({ status: 'ok' });
    const app = createApp({} as never);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      if (isPublicApiRoute(route.method, route.path)) continue;
      const res = await h.raw(route.method, route.path.replace(/:[a-zA-Z]+/g, 'x'), { headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    }
    expect((await h.raw('GET', '/api/workflows', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await h.raw('GET', `/api/workflows?api_key=${TEST_API_KEY}`)).status).toBe(401);
    expect((await h.raw('GET', '/api/workflows', { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(200);
  });

  it('checks auth before reading the body: a huge unauthenticated body gets 401', async () => {
    const res = await h.raw('POST', '/api/workflows', { body: 'x'.repeat(6 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('API keys: created keys work as Bearer tokens and only their hash is stored', async () => {
    const { secret } = await h.server.auth.createApiKey('ci');
    expect((await h.raw('GET', '/api/workflows', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    await h.server.engine.idle();
    const db = fs.readFileSync(path.join(h.dataDir, 'switchyard.db')).toString('latin1') + (fs.existsSync(path.join(h.dataDir, 'switchyard.db-wal')) ? fs.readFileSync(path.join(h.dataDir, 'switchyard.db-wal')).toString('latin1') : '');
    expect(db).not.toContain(secret);
  });

  it('API keys are listed without secrets, created once, and revoked with their sessions', async () => {
    const created = await h.api('POST', '/api/api-keys', { name: 'ci robot' });
    expect(created.status).toBe(201);
    const { id, secret } = created.json as { id: string; secret: string };
    const listed = (await h.api('GET', '/api/api-keys')).json.items.find((k: { id: string }) => k.id === id);
    expect(listed).toEqual({ id, name: 'ci robot', createdAt: expect.stringMatching(/Z$/) });
    expect(JSON.stringify((await h.api('GET', '/api/api-keys')).json)).not.toContain(secret);
    const asRobot = { authorization: `Bearer ${secret}` };
    expect((await h.raw('GET', '/api/workflows', { headers: asRobot })).status).toBe(200);
    const signIn = await h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey: secret }), headers: { 'content-type': 'application/json' } });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await h.raw('GET', '/api/session', { headers: { cookie } })).json).toEqual({ keyName: 'ci robot' });

    expect((await h.api('DELETE', `/api/api-keys/${id}`)).status).toBe(204);
    expect((await h.raw('GET', '/api/workflows', { headers: asRobot })).status).toBe(401);
    expect((await h.raw('GET', '/api/session', { headers: { cookie } })).status).toBe(401);
    expect((await h.api('DELETE', `/api/api-keys/${id}`)).status).toBe(404);
    expect((await h.api('POST', '/api/api-keys', { name: '' })).status).toBe(400);
  });

  it('sessions: POST with a key sets an HttpOnly SameSite=Strict cookie; GET says who; DELETE signs out', async () => {
    const signIn = await h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey: TEST_API_KEY }), headers: { 'content-type': 'application/json' } });
    expect(signIn.status).toBe(204);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await h.raw('GET', '/api/session', { headers: { cookie } })).json).toEqual({ keyName: 'bootstrap' });
    // Unsafe methods with a cookie need the same origin.
    const body = JSON.stringify({ schemaVersion: 1 });
    expect((await h.raw('POST', '/api/workflows/validate', { body, headers: { cookie, 'content-type': 'application/json' } })).status).toBe(403);
    expect((await h.raw('POST', '/api/workflows/validate', { body, headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await h.raw('POST', '/api/workflows/validate', { body, headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await h.raw('POST', '/api/workflows/validate', { body, headers: { cookie, origin: h.url } })).status).toBe(400);
    expect((await h.raw('POST', '/api/workflows/validate', { body, headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(400);
    // No CORS headers for a foreign origin.
    const cors = await h.raw('GET', '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(cors.headers.get('access-control-allow-origin')).toBeNull();
    expect((await h.raw('DELETE', '/api/session', { headers: { cookie, origin: h.url } })).status).toBe(204);
    expect((await h.raw('GET', '/api/session', { headers: { cookie } })).status).toBe(401);
    expect((await h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey: 'wrong' }), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey: TEST_API_KEY }), headers: { 'content-type': 'application/json', origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('sign-in brute force', () => {
  it('answers 429 with Retry-After after 10 failed sign-ins from one address, even for a right key', async () => {
    const h = await startHarness();
    try {
      const attempt = (apiKey: string) => h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey }), headers: { 'content-type': 'application/json' } });
      for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
      const limited = await attempt('wrong-again');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await attempt(TEST_API_KEY)).status).toBe(429);
    } finally {
      await h.close();
    }
  });
});

describe('first start', () => {
  it('without any key: creates one, prints a one-time sign-in link that works once', async () => {
    const h = await startHarness({ apiKey: null });
    try {
      expect(h.announced).toHaveLength(1);
      const token = /\/signin\?token=(\S+)$/.exec(h.announced[0] ?? '')?.[1] ?? '';
      expect(token).not.toBe('');
      expect((await h.raw('GET', '/signin')).text).toContain('/api/session');
      const first = await h.raw('POST', '/api/session', { body: JSON.stringify({ token }), headers: { 'content-type': 'application/json' } });
      expect(first.status).toBe(204);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect((await h.raw('GET', '/api/session', { headers: { cookie } })).json).toEqual({ keyName: 'admin' });
      expect((await h.raw('POST', '/api/session', { body: JSON.stringify({ token }), headers: { 'content-type': 'application/json' } })).status).toBe(401);
      expect(h.logs.join('')).not.toContain(token);
      // The only way in cannot be revoked.
      const [only] = (await h.raw('GET', '/api/api-keys', { headers: { cookie } })).json.items as Array<{ id: string }>;
      const refused = await h.raw('DELETE', `/api/api-keys/${only!.id}`, { headers: { cookie, origin: h.url } });
      expect(refused.status).toBe(409);
      expect(refused.json.error.message).toContain('last API key');
    } finally {
      await h.close();
    }
  });

  it('refuses to listen beyond loopback with no key configured', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-server-'));
    try {
      const config = resolveConfig({}, { port: '0', host: '0.0.0.0', dataDir });
      await expect(startServer(config, { logDestination: { write: () => true } as never, announce: () => undefined })).rejects.toThrow(/refusing to listen on 0.0.0.0/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

