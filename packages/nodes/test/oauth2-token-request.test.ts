import { createServer } from 'node:net';
import { startTokenServer, startUpstream } from '@switchyard/testkit';
import type { TokenServer, Upstream } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicClientAuth, createTokenRequester } from '../src/index.js';
import { realDeadline } from './context.js';
import type { TokenGrant, TokenRequester, TokenRequestResult } from '../src/index.js';

const CLIENT_SECRET = 'cs:Sentinel%+/= 77';
const REFRESH_TOKEN = 'rt-Sentinel-initial';
const NOW = Date.UTC(2026, 0, 1);

let requester: TokenRequester;
let tokens: TokenServer;
let upstream: Upstream;

beforeAll(async () => {
  requester = createTokenRequester({ allowedHosts: ['127.0.0.1'], deadline: realDeadline });
  upstream = await startUpstream();
});
afterAll(async () => {
  await requester.close();
  await upstream.close();
});
afterEach(async () => {
  await tokens?.close();
  upstream.reset();
});

async function server(options: Partial<Parameters<typeof startTokenServer>[0]> = {}): Promise<TokenServer> {
  tokens = await startTokenServer({ clientId: 'app:one', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, ...options });
  return tokens;
}

function ask(grant: Partial<TokenGrant> = {}, timeoutMs = 5_000): Promise<TokenRequestResult> {
  return requester.request({ tokenUrl: tokens.tokenUrl, clientId: 'app:one', clientSecret: CLIENT_SECRET, ...grant }, { timeoutMs, now: NOW });
}

function failureOf(result: TokenRequestResult) {
  if (result.ok) expect.fail('expected a failure, got a token');
  expect(result.failure.message).not.toContain(CLIENT_SECRET);
  expect(result.failure.message).not.toContain(REFRESH_TOKEN);
  return result.failure;
}

describe('token requests', () => {
  it('asks for client credentials with HTTP Basic client authentication and a form body', async () => {
    await server({ expiresInSec: 120 });
    const result = await ask({ scope: 'contacts.read contacts.write' });
    expect(result).toEqual({ ok: true, token: { accessToken: tokens.issued[0], expiresInMs: 120_000, refreshToken: undefined } });
    expect(tokens.grants).toEqual([
      { grantType: 'client_credentials', scope: 'contacts.read contacts.write', refreshToken: undefined, clientAuth: 'basic', contentType: 'application/x-www-form-urlencoded', status: 200 },
    ]);
  });

  it('form-encodes the client id and secret inside the Basic header (RFC 6749 §2.3.1)', () => {
    const header = basicClientAuth('app:one', 'a b+c%');
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe('app%3Aone:a+b%2Bc%25');
  });

  it('uses the refresh-token grant when there is a refresh token, and passes on a rotated one', async () => {
    await server({ rotateRefreshTokens: true });
    const result = await ask({ refreshToken: REFRESH_TOKEN });
    expect(result.ok && result.token.refreshToken).toBe(tokens.rotatedRefreshTokens[0]);
    expect(tokens.grants[0]).toMatchObject({ grantType: 'refresh_token', refreshToken: REFRESH_TOKEN, status: 200 });
    // The old one is retired by the server: using it again is invalid_grant.
    expect(failureOf(await ask({ refreshToken: REFRESH_TOKEN })).category).toBe('auth');
  });

  it.each([
    [{ status: 400, error: 'invalid_grant' }, 'auth'],
    [{ status: 400, error: 'unauthorized_client' }, 'auth'],
    [{ status: 401, error: 'invalid_client' }, 'auth'],
    [{ status: 403 }, 'auth'],
    [{ status: 400, error: 'invalid_scope' }, 'invalid_request'],
    [{ status: 400 }, 'invalid_request'],
    [{ status: 503 }, 'server'],
    [{ status: 500, error: 'server_error' }, 'server'],
    [{ status: 429 }, 'rate_limited'],
    [{ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }, 'invalid_response'],
  ] as const)('classifies a refusal %j as %s', async (refusal, category) => {
    await server();
    tokens.refuseNext(refusal);
    const f = failureOf(await ask());
    expect(f.category).toBe(category);
    expect(f.message).toContain(`answered ${refusal.status}`);
    expect(f.httpStatus).toBeUndefined();
  });

  it('keeps a Retry-After of a 503 (rate_limited, as from any upstream)', async () => {
    await server();
    tokens.refuseNext({ status: 503, headers: { 'retry-after': '7' } });
    expect(failureOf(await ask())).toMatchObject({ category: 'rate_limited', retryAfterMs: 7_000 });
  });

  it('refuses a wrong client secret as auth (invalid_client)', async () => {
    await server();
    const f = failureOf(await ask({ clientSecret: 'wrong' }));
    expect(f).toMatchObject({ category: 'auth' });
    expect(f.message).toContain('invalid_client');
  });

  it('is network when nothing listens, timeout when no answer comes in time', async () => {
    await server();
    const closedPort = await freePort();
    expect(failureOf(await ask({ tokenUrl: `http://127.0.0.1:${closedPort}/token` })).category).toBe('network');
    const release = tokens.hold();
    const f = failureOf(await ask({}, 50));
    release();
    expect(f.category).toBe('timeout');
    expect(f.message).toContain('no answer within 50 ms');
  });

  it('goes through the SSRF guard: loopback is refused unless allowed, and nothing is sent', async () => {
    await server();
    const guarded = createTokenRequester({ deadline: realDeadline });
    try {
      const result = await guarded.request({ tokenUrl: tokens.tokenUrl, clientId: 'app:one', clientSecret: CLIENT_SECRET }, { timeoutMs: 5_000, now: NOW });
      const f = failureOf(result);
      expect(f.category).toBe('invalid_request');
      expect(f.message).toMatch(/not allowed/);
      expect(tokens.grants).toHaveLength(0);
      expect(failureOf(await guarded.request({ tokenUrl: 'file:///etc/passwd', clientId: 'a', clientSecret: CLIENT_SECRET }, { timeoutMs: 5_000, now: NOW })).category).toBe('invalid_request');
    } finally {
      await guarded.close();
    }
  });

  it('redacts the client secret and refresh token from what the endpoint writes back', async () => {
    await server();
    upstream.script('POST', '/token', [{ status: 400, json: { error: 'invalid_grant', error_description: `refresh token ${REFRESH_TOKEN} for secret ${CLIENT_SECRET} is unknown` } }]);
    const f = failureOf(await requester.request({ tokenUrl: `${upstream.url}/token`, clientId: 'c', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN }, { timeoutMs: 5_000, now: NOW }));
    expect(f.category).toBe('auth');
    expect(f.message).toContain('[redacted]');
    expect(upstream.requests[0]?.body).toBe(`grant_type=refresh_token&refresh_token=${REFRESH_TOKEN}`);
  });

  it.each([
    [{ text: 'not json' }, 'not JSON'],
    [{ json: { token_type: 'Bearer' } }, 'access_token'],
    [{ json: { access_token: 'x', token_type: 'mac' } }, 'only bearer tokens'],
    [{ json: { access_token: 'x', expires_in: -5 } }, 'expires_in'],
  ] as const)('refuses a 200 that is no bearer token (%j) as invalid_response', async (step, reason) => {
    await server();
    upstream.script('POST', '/token', [step]);
    const f = failureOf(await requester.request({ tokenUrl: `${upstream.url}/token`, clientId: 'c', clientSecret: CLIENT_SECRET }, { timeoutMs: 5_000, now: NOW }));
    expect(f.category).toBe('invalid_response');
    expect(f.message).toContain(reason);
  });

  it('reads expires_in sent as a string, and a token without expires_in', async () => {
    await server();
    upstream.script('POST', '/token', [{ json: { access_token: 'a1', token_type: 'bearer', expires_in: '60' } }, { json: { access_token: 'a2' } }]);
    const grant = { tokenUrl: `${upstream.url}/token`, clientId: 'c', clientSecret: CLIENT_SECRET };
    expect(await requester.request(grant, { timeoutMs: 5_000, now: NOW })).toEqual({ ok: true, token: { accessToken: 'a1', expiresInMs: 60_000, refreshToken: undefined } });
    expect(await requester.request(grant, { timeoutMs: 5_000, now: NOW })).toEqual({ ok: true, token: { accessToken: 'a2', expiresInMs: undefined, refreshToken: undefined } });
  });
});

/** A port nothing listens on: bound, then closed. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
