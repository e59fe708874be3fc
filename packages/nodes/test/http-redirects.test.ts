import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../src/index.js';
import type { ClosableNodeRegistry } from '../src/index.js';
import { expectFailure, expectOk, integration, run } from './context.js';

let upstream: Upstream;
/** Another origin: same address, another port. */
let other: Upstream;
let registry: ClosableNodeRegistry;
const bearer = { id: 'c1', kind: 'bearer', token: 'tok-secret-1' } as const;
const apiKey = { id: 'c2', kind: 'apiKey', in: 'header', name: 'X-Api-Token', value: 'key-secret-2' } as const;

beforeAll(async () => {
  upstream = await startUpstream();
  other = await startUpstream();
  registry = createNodeRegistry({ allowedHosts: ['127.0.0.1'] });
});
afterAll(async () => {
  await registry.close();
  await upstream.close();
  await other.close();
});
beforeEach(() => {
  upstream.reset();
  other.reset();
});

function call(params: Record<string, unknown>, ctx: Parameters<typeof run>[2] = {}) {
  return run(registry.get('http.request'), params, ctx);
}

describe('redirects', () => {
  it('follows a same-origin redirect and keeps the credential', async () => {
    upstream.script('GET', '/old', [{ status: 301, headers: { Location: '/new' } }]);
    upstream.script('GET', '/new', [{ json: { here: true } }]);
    const result = expectOk(await call({ url: `${upstream.url}/old` }, { credential: bearer }));
    expect(result.output).toMatchObject({ status: 200, body: { here: true } });
    expect(upstream.requests.map((r) => r.path)).toEqual(['/old', '/new']);
    expect(upstream.requests[1]?.headers['authorization']).toBe('Bearer tok-secret-1');
    expect(result.request?.url).toBe(`${upstream.url}/new`);
  });

  it.each([
    ['a bearer token', bearer, 'authorization'],
    ['an API key header', apiKey, 'x-api-token'],
  ] as const)('drops %s on a cross-origin redirect', async (_name, credential, header) => {
    upstream.script('GET', '/go', [{ status: 302, headers: { Location: `${other.url}/land` } }]);
    other.script('GET', '/land', [{ json: { ok: true } }]);
    expectOk(await call({ url: `${upstream.url}/go`, headers: { Cookie: 'sid=1' } }, { credential }));
    expect(upstream.requests[0]?.headers[header]).toBeDefined();
    const landed = other.requests[0];
    expect(landed?.headers[header]).toBeUndefined();
    expect(landed?.headers['cookie']).toBeUndefined();
  });

  it("drops the credential on a redirect that leaves the integration's base path on the same origin", async () => {
    const crm = integration('crm', `${upstream.url}/crm`);
    upstream.script('GET', '/crm/people', [{ status: 302, headers: { Location: '/crm/people/v2' } }]);
    upstream.script('GET', '/crm/people/v2', [{ status: 302, headers: { Location: '/billing/export' } }]);
    upstream.script('GET', '/billing/export', [{ json: { ok: true } }]);
    expectOk(await call({ url: `${upstream.url}/crm/people` }, { credential: bearer, integration: crm }));
    expect(upstream.requests.map((r) => [r.path, r.headers['authorization']])).toEqual([
      ['/crm/people', 'Bearer tok-secret-1'],
      ['/crm/people/v2', 'Bearer tok-secret-1'],
      ['/billing/export', undefined],
    ]);
  });

  it('never repeats the password of a URL (user:password@host) in what it records', async () => {
    upstream.script('GET', '/private', [{ status: 500, text: 'boom' }]);
    const result = expectFailure(await call({ url: `http://ops:pw@127.0.0.1:${upstream.port}/private` }));
    expect(JSON.stringify(result)).not.toContain(':pw@');
    expect(result.failure.message).toContain('ops:[redacted]@');
  });

  it('fails with invalid_response after more than followRedirects hops', async () => {
    upstream.script('GET', '/loop', [{ status: 302, headers: { Location: '/loop' } }]);
    const result = expectFailure(await call({ url: `${upstream.url}/loop` }));
    expect(result.failure.category).toBe('invalid_response');
    expect(result.failure.message).toMatch(/more than 5 redirects/);
    expect(upstream.countFor('GET', '/loop')).toBe(6);
    expect(result.response?.status).toBe(302);
  });

  it('follows at most the hops followRedirects allows', async () => {
    upstream.script('GET', '/a', [{ status: 307, headers: { Location: '/b' } }]);
    upstream.script('GET', '/b', [{ status: 307, headers: { Location: '/c' } }]);
    upstream.script('GET', '/c', [{ json: 1 }]);
    expect(expectFailure(await call({ url: `${upstream.url}/a`, followRedirects: 1 })).failure.message).toMatch(/more than 1 redirects/);
    upstream.reset();
    upstream.script('GET', '/a', [{ status: 307, headers: { Location: '/b' } }]);
    upstream.script('GET', '/b', [{ status: 307, headers: { Location: '/c' } }]);
    upstream.script('GET', '/c', [{ json: 1 }]);
    expectOk(await call({ url: `${upstream.url}/a`, followRedirects: 2 }));
  });

  it('turns a POST into a GET without a body after 303, and keeps both after 307', async () => {
    upstream.script('POST', '/create', [{ status: 303, headers: { Location: '/result' } }]);
    upstream.script('GET', '/result', [{ json: { done: true } }]);
    expectOk(await call({ method: 'POST', url: `${upstream.url}/create`, body: { a: 1 } }));
    const get = upstream.requests[1];
    expect(get).toMatchObject({ method: 'GET', path: '/result', body: '' });
    expect(get?.headers['content-type']).toBeUndefined();

    upstream.reset();
    upstream.script('POST', '/create', [{ status: 307, headers: { Location: '/create2' } }]);
    upstream.script('POST', '/create2', [{ status: 201, json: { id: 1 } }]);
    expectOk(await call({ method: 'POST', url: `${upstream.url}/create`, body: { a: 1 } }));
    expect(upstream.requests[1]).toMatchObject({ method: 'POST', path: '/create2', body: '{"a":1}', idempotencyKey: 'run-1:call:1' });
  });

  it('does not follow a redirect that expect.status lists', async () => {
    upstream.script('GET', '/login', [{ status: 302, headers: { Location: '/sso' } }]);
    const result = expectOk(await call({ url: `${upstream.url}/login`, expect: { status: [302] } }));
    expect(result.output).toMatchObject({ status: 302, headers: { location: '/sso' } });
    expect(upstream.countFor('GET', '/sso')).toBe(0);
  });

  it('refuses a redirect to another scheme', async () => {
    upstream.script('GET', '/ftp', [{ status: 302, headers: { Location: 'ftp://127.0.0.1/file' } }]);
    const result = expectFailure(await call({ url: `${upstream.url}/ftp` }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/only http and https URLs are allowed, not ftp:/);
  });
});
