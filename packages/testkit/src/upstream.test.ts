import { eventually } from './eventually.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUpstream } from './upstream.js';
import type { Upstream } from './upstream.js';

let upstream: Upstream;

beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(async () => {
  await upstream.close();
});

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${upstream.url}${path}`, { signal: AbortSignal.timeout(30_000), ...init });
}

const until = (condition: () => boolean, what = 'the upstream to see the request'): Promise<true> => eventually(() => (condition() ? true : undefined), { what });

describe('startUpstream', () => {
  it('listens on 127.0.0.1 and answers 404 for unscripted routes', async () => {
    expect(upstream.url).toBe(`http://127.0.0.1:${upstream.port}`);
    const res = await call('/nowhere');
    expect(res.status).toBe(404);
    expect(upstream.countFor('GET', '/nowhere')).toBe(1);
  });

  it('answers scripted steps in order and repeats the last one', async () => {
    upstream.script('POST', '/charges', [{ status: 503 }, { status: 201, json: { id: 'c1' } }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('/charges', { method: 'POST', body: '{}' })).status);
    expect(statuses).toEqual([503, 201, 201]);
    const last = await call('/charges', { method: 'POST' });
    expect(last.headers.get('content-type')).toBe('application/json');
    expect(await last.json()).toEqual({ id: 'c1' });
  });

  it('refuses an empty script', () => {
    expect(() => upstream.script('GET', '/x', [])).toThrow(/at least one step/);
  });

  it('records method, raw path, query, headers, body and idempotency key', async () => {
    upstream.script('PUT', '/people/ada%40example.com', [{ status: 200 }]);
    await call('/people/ada%40example.com?tag=a&tag=b&q=x%20y', {
      method: 'PUT',
      headers: { 'Idempotency-Key': 'k-1', 'X-Thing': 'yes' },
      body: 'hello',
    });
    const [request] = upstream.requests;
    expect(request).toMatchObject({
      method: 'PUT',
      path: '/people/ada%40example.com',
      url: '/people/ada%40example.com?tag=a&tag=b&q=x%20y',
      query: { tag: 'a,b', q: 'x y' },
      body: 'hello',
      idempotencyKey: 'k-1',
    });
    expect(request?.headers['x-thing']).toBe('yes');
    expect(upstream.keysFor('PUT', '/people/ada%40example.com')).toEqual(['k-1']);
  });

  it('answers with a function of the request', async () => {
    upstream.script('GET', '/echo-q', (r) => ({ json: { q: r.query['q'] ?? null } }));
    expect(await (await call('/echo-q?q=1')).json()).toEqual({ q: '1' });
  });

  it('sends text, custom headers, malformed JSON and an echo of the request', async () => {
    upstream.script('GET', '/text', [{ text: 'plain', headers: { 'X-Custom': 'v' } }]);
    const text = await call('/text');
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('x-custom')).toBe('v');
    expect(await text.text()).toBe('plain');

    upstream.script('GET', '/broken', [{ malformed: true }]);
    const broken = await call('/broken');
    expect(broken.headers.get('content-type')).toBe('application/json');
    await expect(broken.json()).rejects.toThrow();

    upstream.script('POST', '/echo', [{ echoHeaders: true }]);
    const echo = (await (await call('/echo?a=1', { method: 'POST', headers: { authorization: 'Bearer s3cret' }, body: 'b' })).json()) as Record<string, unknown>;
    expect(echo).toMatchObject({ method: 'POST', path: '/echo', query: { a: '1' }, body: 'b' });
    expect((echo['headers'] as Record<string, string>)['authorization']).toBe('Bearer s3cret');
  });

  it('streams a large body without a content-length', async () => {
    upstream.script('GET', '/big', [{ streamBytes: 300_000 }]);
    const res = await call('/big');
    expect(res.headers.get('content-length')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(300_000);
  });

  it('waits delayMs before answering', async () => {
    upstream.script('GET', '/slow', [{ delayMs: 50, status: 204 }]);
    expect((await call('/slow')).status).toBe(204);
  });

  it('resets the connection for a destroy step', async () => {
    upstream.script('GET', '/reset', [{ destroy: true }]);
    await expect(call('/reset')).rejects.toThrow();
    expect(upstream.countFor('GET', '/reset')).toBe(1);
  });

  it('lets a hanging request hang until close, and close ends it', async () => {
    upstream.script('GET', '/hang', [{ hang: true }]);
    const pending = call('/hang');
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await until(() => upstream.countFor('GET', '/hang') === 1);
    await upstream.close();
    expect(await settled).toBe('failed');
  });

  it('forgets scripts and requests on reset', async () => {
    upstream.script('GET', '/a', [{ status: 200 }]);
    await call('/a');
    upstream.reset();
    expect(upstream.requests).toHaveLength(0);
    expect((await call('/a')).status).toBe(404);
  });

  it('can be scripted and read from another process through its control routes', async () => {
    const scripted = await call('/__upstream/script', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: '/remote', steps: [{ status: 202 }] }),
    });
    expect(scripted.status).toBe(200);
    expect((await call('/remote')).status).toBe(202);
    const seen = (await (await call('/__upstream/requests')).json()) as Array<{ path: string }>;
    expect(seen.map((r) => r.path)).toEqual(['/remote']);
    await call('/__upstream/reset', { method: 'POST' });
    expect(upstream.requests).toHaveLength(0);
  });
});
