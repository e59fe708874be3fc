import type { AccessTokenResult, AccessTokenSource, ResolvedCredential } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import { startUpstream } from '@switchyard/testkit';
import type { RecordedUpstreamRequest, ResponseStep, Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../src/index.js';
import type { ClosableNodeRegistry } from '../src/index.js';
import { expectFailure, expectOk, run } from './context.js';

let upstream: Upstream;
let registry: ClosableNodeRegistry;

beforeAll(async () => {
  upstream = await startUpstream();
  registry = createNodeRegistry({ allowedHosts: ['127.0.0.1'] });
});
afterAll(async () => {
  await registry.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

/**
 * A token source scripted by the test: it hands out `tokens` in order (the first from
 * `current`, each further one from `renew`) and records what it was asked. The token
 * endpoint itself is tested over the wire in oauth2-token-request.test.ts.
 */
function scriptedSource(results: AccessTokenResult[]): AccessTokenSource & { currentCalls: number; renewed: string[] } {
  let next = 0;
  const take = (): Promise<AccessTokenResult> => Promise.resolve(results[Math.min(next++, results.length - 1)]!);
  return {
    currentCalls: 0,
    renewed: [],
    current() {
      this.currentCalls++;
      return take();
    },
    renew(rejected) {
      this.renewed.push(rejected);
      return take();
    },
  };
}

const token = (accessToken: string): AccessTokenResult => ({ ok: true, accessToken });
const oauth2 = (tokens: AccessTokenSource): ResolvedCredential => ({ id: 'crm_oauth', kind: 'oauth2', tokens });

/** An upstream that accepts only the bearer token `valid`. */
function acceptOnly(valid: string, refusal: ResponseStep = { status: 401, json: { error: 'invalid_token' } }) {
  return (request: RecordedUpstreamRequest): ResponseStep => (request.headers.authorization === `Bearer ${valid}` ? { json: { ok: true } } : refusal);
}

function call(credential: ResolvedCredential, ctx: Parameters<typeof run>[2] = {}) {
  return run(registry.get('http.request'), { method: 'POST', url: `${upstream.url}/contacts`, body: { n: 1 } }, { credential, ...ctx });
}

describe('http.request with an OAuth2 credential', () => {
  it('sends the access token as a bearer token and redacts it from the records', async () => {
    upstream.script('POST', '/contacts', [{ echoHeaders: true }]);
    const source = scriptedSource([token('at-Sentinel-0001')]);
    const result = expectOk(await call(oauth2(source)));
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer at-Sentinel-0001');
    expect(JSON.stringify(result)).not.toContain('at-Sentinel-0001');
    expect(result.request?.headers.authorization).toBe('[redacted]');
    expect(source.renewed).toEqual([]);
  });

  it('renews a refused token once and repeats the request once, within the attempt', async () => {
    upstream.script('POST', '/contacts', acceptOnly('at-2'));
    const source = scriptedSource([token('at-1'), token('at-2')]);
    const result = expectOk(await call(oauth2(source)));
    expect(source.renewed).toEqual(['at-1']);
    expect(upstream.requests.map((r) => r.headers.authorization)).toEqual(['Bearer at-1', 'Bearer at-2']);
    // Both sends carry the attempt's idempotency key: the first was refused, so nothing happened twice.
    expect(upstream.keysFor('POST', '/contacts')).toEqual(['run-1:call:1', 'run-1:call:1']);
    expect(result.response?.status).toBe(200);
  });

  it('treats a 403 like a 401: one renewal, one repeat', async () => {
    upstream.script('POST', '/contacts', acceptOnly('at-2', { status: 403 }));
    const source = scriptedSource([token('at-1'), token('at-2')]);
    expectOk(await call(oauth2(source)));
    expect(source.renewed).toEqual(['at-1']);
  });

  it('fails with auth when the new token is refused too, and repeats no further', async () => {
    upstream.script('POST', '/contacts', acceptOnly('never'));
    const source = scriptedSource([token('at-1'), token('at-2'), token('at-3')]);
    const result = expectFailure(await call(oauth2(source)));
    expect(result.failure).toMatchObject({ category: 'auth', httpStatus: 401 });
    expect(result.failure.message).toContain('refused again with a new access token');
    expect(source.renewed).toEqual(['at-1']);
    expect(upstream.countFor('POST', '/contacts')).toBe(2);
    expect(result.request?.headers.authorization).toBe('[redacted]');
  });

  it('does not renew for failures other than auth', async () => {
    upstream.script('POST', '/contacts', [{ status: 500 }]);
    const source = scriptedSource([token('at-1')]);
    expect(expectFailure(await call(oauth2(source))).failure.category).toBe('server');
    expect(source.renewed).toEqual([]);
    expect(upstream.countFor('POST', '/contacts')).toBe(1);
  });

  it('fails with the token endpoint\'s failure and sends nothing when no token can be had', async () => {
    upstream.script('POST', '/contacts', [{ json: { ok: true } }]);
    const down = failure('server', 'the token endpoint answered 503');
    const result = expectFailure(await call(oauth2(scriptedSource([{ ok: false, failure: down }]))));
    expect(result.failure).toEqual(down);
    expect(result.request).toBeUndefined();
    expect(upstream.countFor('POST', '/contacts')).toBe(0);
  });

  it('keeps the refused exchange in the record and takes the category of a failed renewal', async () => {
    upstream.script('POST', '/contacts', acceptOnly('never'));
    const revoked = failure('auth', 'the token endpoint refused the grant: invalid_grant');
    const result = expectFailure(await call(oauth2(scriptedSource([token('at-1'), { ok: false, failure: revoked }]))));
    expect(result.failure.category).toBe('auth');
    expect(result.failure.message).toMatch(/401.*a new access token could not be had: the token endpoint refused the grant: invalid_grant/);
    expect(result.response?.status).toBe(401);
    expect(upstream.countFor('POST', '/contacts')).toBe(1);
  });

  it('stops waiting for a token at the attempt deadline (timeout) or on cancel (cancelled)', async () => {
    const never: AccessTokenSource = { current: () => new Promise(() => {}), renew: () => new Promise(() => {}) };
    expect(expectFailure(await call(oauth2(never), { timeoutMs: 20 })).failure.category).toBe('timeout');
    const controller = new AbortController();
    const pending = call(oauth2(never), { signal: controller.signal });
    controller.abort();
    expect(expectFailure(await pending).failure.category).toBe('cancelled');
    expect(upstream.requests).toHaveLength(0);
  });
});
