import type { ResolvedCredential } from '@switchyard/engine';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../src/index.js';
import type { ClosableNodeRegistry } from '../src/index.js';
import { expectFailure, expectOk, run } from './context.js';

let upstream: Upstream;
let registry: ClosableNodeRegistry;

beforeAll(async () => {
  upstream = await startUpstream();
  registry = createNodeRegistry({ allowedHosts: ['127.0.0.1'], userAgent: 'switchyard-test' });
});
afterAll(async () => {
  await registry.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(params: Record<string, unknown>, ctx: Parameters<typeof run>[2] = {}) {
  return run(registry.get('http.request'), params, ctx);
}

function lastRequest() {
  const last = upstream.requests[upstream.requests.length - 1];
  if (last === undefined) throw new Error('the upstream received nothing');
  return last;
}

describe('idempotency key', () => {
  it.each([
    ['GET', false, undefined],
    ['HEAD', false, undefined],
    ['POST', true, 'run-1:call:1'],
    ['PUT', true, 'run-1:call:1'],
    ['PATCH', true, 'run-1:call:1'],
    ['DELETE', true, 'run-1:call:1'],
    ['OPTIONS', true, 'run-1:call:1'],
  ] as const)('%s sends a default key: %s', async (method, _sends, key) => {
    upstream.script(method, '/op', [{ status: 200 }]);
    expectOk(await call({ method, url: `${upstream.url}/op` }));
    expect(lastRequest().idempotencyKey).toBe(key);
  });

  it('sends an explicit key with GET too', async () => {
    upstream.script('GET', '/op', [{ status: 200 }]);
    expectOk(await call({ url: `${upstream.url}/op` }, { idempotencyKey: 'order-42', idempotencyKeyExplicit: true }));
    expect(lastRequest().idempotencyKey).toBe('order-42');
  });

  it('lets a header in params stand over the default key, but not over an explicit one', async () => {
    upstream.script('POST', '/op', [{ status: 200 }]);
    expectOk(await call({ method: 'POST', url: `${upstream.url}/op`, headers: { 'Idempotency-Key': 'mine' } }));
    expect(lastRequest().idempotencyKey).toBe('mine');
    expectOk(await call({ method: 'POST', url: `${upstream.url}/op`, headers: { 'Idempotency-Key': 'mine' } }, { idempotencyKey: 'policy', idempotencyKeyExplicit: true }));
    expect(lastRequest().idempotencyKey).toBe('policy');
  });

  it('tells the engine which methods use the default key and which are retry-safe', () => {
    const exec = registry.get('http.request');
    expect(exec?.usesDefaultIdempotencyKey?.({ method: 'GET', url: 'http://x' })).toBe(false);
    expect(exec?.usesDefaultIdempotencyKey?.({ url: 'http://x' })).toBe(false);
    expect(exec?.usesDefaultIdempotencyKey?.({ method: 'POST', url: 'http://x' })).toBe(true);
    expect(exec?.usesDefaultIdempotencyKey?.({ method: '{{ $input.m }}', url: 'http://x' })).toBe(true);
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'POST', 'PATCH']) {
      expect(exec?.retrySafe({ method, url: 'http://x' }, { idempotencyKeyExplicit: false })).toBe(true);
    }
    expect(exec?.pure).toBe(false);
  });
});

describe('query, headers and body', () => {
  it('encodes query values (strings, numbers, booleans, arrays) after the URL query, leaving nulls out', async () => {
    upstream.script('GET', '/search', [{ status: 200 }]);
    expectOk(
      await call({
        url: `${upstream.url}/search?page=2`,
        query: { q: 'a b&c=d/é', tags: ['x', 'y'], n: 5, exact: true, skip: null },
      }),
    );
    expect(lastRequest().url).toBe('/search?page=2&q=a+b%26c%3Dd%2F%C3%A9&tags=x&tags=y&n=5&exact=true');
    expect(lastRequest().query).toEqual({ page: '2', q: 'a b&c=d/é', tags: 'x,y', n: '5', exact: 'true' });
  });

  it('sends an object body as JSON with content-type application/json', async () => {
    upstream.script('POST', '/items', [{ status: 201, json: { id: 1 } }]);
    const result = expectOk(await call({ method: 'POST', url: `${upstream.url}/items`, body: { name: 'x', n: [1, 2] } }));
    expect(lastRequest().headers['content-type']).toBe('application/json');
    expect(JSON.parse(lastRequest().body)).toEqual({ name: 'x', n: [1, 2] });
    expect(result.request?.body).toEqual({ name: 'x', n: [1, 2] });
  });

  it('sends an array body as JSON and a string body as is', async () => {
    upstream.script('POST', '/items', [{ status: 200 }]);
    expectOk(await call({ method: 'POST', url: `${upstream.url}/items`, body: [1, 'two'] }));
    expect(lastRequest().body).toBe('[1,"two"]');
    expect(lastRequest().headers['content-type']).toBe('application/json');
    expectOk(await call({ method: 'POST', url: `${upstream.url}/items`, body: 'a=1&b=2' }));
    expect(lastRequest().body).toBe('a=1&b=2');
    expect(lastRequest().headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('keeps a content type the headers name', async () => {
    upstream.script('POST', '/form', [{ status: 200 }]);
    expectOk(await call({ method: 'POST', url: `${upstream.url}/form`, headers: { 'Content-Type': 'application/vnd.api+json' }, body: { a: 1 } }));
    expect(lastRequest().headers['content-type']).toBe('application/vnd.api+json');
    expect(lastRequest().body).toBe('{"a":1}');
  });

  it('sends headers from params (numbers and booleans as text) and the user agent', async () => {
    upstream.script('GET', '/h', [{ status: 200 }]);
    expectOk(await call({ url: `${upstream.url}/h`, headers: { 'X-Count': 3, 'X-Flag': false, 'X-Gone': null } }));
    expect(lastRequest().headers).toMatchObject({ 'x-count': '3', 'x-flag': 'false', 'user-agent': 'switchyard-test' });
    expect(lastRequest().headers['x-gone']).toBeUndefined();
  });
});

describe('credentials', () => {
  const SECRET = 'sk_live_Sentinel+/=Secret 42';
  const credentials: Array<[string, ResolvedCredential, (h: Record<string, string>, q: Record<string, string>) => void]> = [
    ['bearer', { id: 'c1', kind: 'bearer', token: SECRET }, (h) => expect(h['authorization']).toBe(`Bearer ${SECRET}`)],
    [
      'basic',
      { id: 'c2', kind: 'basic', username: 'ada', password: SECRET },
      (h) => expect(h['authorization']).toBe(`Basic ${Buffer.from(`ada:${SECRET}`).toString('base64')}`),
    ],
    ['apiKey in a header', { id: 'c3', kind: 'apiKey', in: 'header', name: 'X-Token', value: SECRET }, (h) => expect(h['x-token']).toBe(SECRET)],
    ['apiKey in the query', { id: 'c4', kind: 'apiKey', in: 'query', name: 'api_key', value: SECRET }, (_h, q) => expect(q['api_key']).toBe(SECRET)],
  ];

  function expectNoSecret(value: unknown): void {
    const text = JSON.stringify(value);
    for (const form of [
      SECRET,
      encodeURIComponent(SECRET),
      new URLSearchParams({ s: SECRET }).toString().slice(2),
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(`ada:${SECRET}`).toString('base64'),
    ]) {
      expect(text).not.toContain(form);
    }
  }

  it.each(credentials)('applies %s and redacts it from records and output, even when echoed', async (_kind, credential, check) => {
    upstream.script('POST', '/echo', [{ echoHeaders: true, headers: { 'X-Echo': `token=${SECRET}` } }]);
    const result = expectOk(await call({ method: 'POST', url: `${upstream.url}/echo`, body: { note: 'hi' } }, { credential }));
    const seen = lastRequest();
    check(seen.headers, seen.query);
    expectNoSecret(result);
    expect(JSON.stringify(result)).toContain('[redacted]');
  });

  it.each(credentials)('redacts %s from failure messages of an upstream that echoes it', async (_kind, credential) => {
    upstream.script('GET', '/fail-echo', [{ status: 500, echoHeaders: true }]);
    const result = expectFailure(await call({ url: `${upstream.url}/fail-echo` }, { credential }));
    expect(result.failure.category).toBe('server');
    expectNoSecret(result);
  });

  it('always redacts cookie, set-cookie and authorization headers in the records', async () => {
    upstream.script('GET', '/cookie', [{ status: 200, headers: { 'Set-Cookie': 'session=abc123' } }]);
    const result = expectOk(await call({ url: `${upstream.url}/cookie`, headers: { Cookie: 'pref=1', Authorization: 'Token handwritten' } }));
    expect(result.request?.headers).toMatchObject({ cookie: '[redacted]', authorization: '[redacted]' });
    expect(result.response?.headers['set-cookie']).toBe('[redacted]');
    // The output keeps upstream headers: a workflow may need a session cookie.
    expect((result.output as { headers: Record<string, string> }).headers['set-cookie']).toBe('session=abc123');
  });

  it('refuses an HMAC secret with invalid_request and sends nothing', async () => {
    const result = expectFailure(await call({ url: `${upstream.url}/x` }, { credential: { id: 'hook', kind: 'hmac', secret: SECRET } }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/HMAC secret/);
    expect(upstream.requests).toHaveLength(0);
  });
});
