import { describe, expect, it } from 'vitest';
import { nextHop } from './redirect.js';
import type { Hop } from './redirect.js';

function hop(method: string, url = 'https://a.example/start'): Hop {
  return {
    url: new URL(url),
    method,
    headers: { authorization: 'Bearer t', cookie: 'c=1', 'x-key': 'k', 'content-type': 'application/json', accept: '*/*' },
    body: '{"a":1}',
    recordedBody: { a: 1 },
  };
}

function next(from: Hop, status: number, location: string) {
  const result = nextHop(from, status, location, { headers: ['x-key'] });
  if (!result.ok) throw new Error(result.message);
  return result.hop;
}

describe('nextHop', () => {
  it('resolves a relative Location and drops the fragment', () => {
    expect(next(hop('GET'), 302, '../other?x=1#frag').url.href).toBe('https://a.example/other?x=1');
  });

  it.each([
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [302, 'PUT', 'PUT'],
    [307, 'POST', 'POST'],
    [308, 'PATCH', 'PATCH'],
  ])('after %d a %s becomes a %s', (status, method, expected) => {
    const result = next(hop(method), status, '/next');
    expect(result.method).toBe(expected);
    if (expected === 'GET' && method !== 'GET') {
      expect(result.body).toBeUndefined();
      expect(result.recordedBody).toBeNull();
      expect(result.headers['content-type']).toBeUndefined();
    } else {
      expect(result.body).toBe('{"a":1}');
    }
  });

  it('keeps credentials on the same origin and drops them on another', () => {
    expect(next(hop('GET'), 302, '/same').headers).toMatchObject({ authorization: 'Bearer t', cookie: 'c=1', 'x-key': 'k' });
    const away = next(hop('GET'), 302, 'https://b.example/x').headers;
    expect(away).toEqual({ 'content-type': 'application/json', accept: '*/*' });
    // Another port is another origin too.
    expect(next(hop('GET'), 302, 'https://a.example:8443/x').headers['authorization']).toBeUndefined();
  });

  it('refuses a downgrade from https to http and an invalid Location', () => {
    expect(nextHop(hop('GET'), 302, 'http://a.example/plain', { headers: [] })).toEqual({ ok: false, message: 'redirect from https to http refused (http://a.example)' });
    expect(nextHop(hop('GET'), 302, 'http://[::1', { headers: [] })).toMatchObject({ ok: false, message: 'redirect to an invalid URL: http://[::1' });
  });

  it('drops the credential when a redirect leaves the integration\'s base path, even on the same origin', () => {
    const scope = { headers: ['x-key'], queryParam: 'api_key', within: (url: URL) => url.pathname.startsWith('/v1/') };
    const from = hop('GET', 'https://a.example/v1/start');
    const inside = nextHop(from, 302, '/v1/next?api_key=k', scope);
    expect(inside.ok && inside.hop.headers).toMatchObject({ authorization: 'Bearer t', 'x-key': 'k' });
    expect(inside.ok && inside.hop.url.searchParams.get('api_key')).toBe('k');
    const outside = nextHop(from, 302, '/other-tenant/steal?api_key=k', scope);
    if (!outside.ok) throw new Error(outside.message);
    expect(outside.hop.headers).not.toHaveProperty('authorization');
    expect(outside.hop.headers).not.toHaveProperty('x-key');
    expect(outside.hop.headers).not.toHaveProperty('cookie');
    expect(outside.hop.url.href).toBe('https://a.example/other-tenant/steal');
  });
});
