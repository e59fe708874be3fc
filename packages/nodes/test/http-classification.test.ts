import { eventually, startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../src/index.js';
import type { ClosableNodeRegistry } from '../src/index.js';
import { NOW, expectFailure, expectOk, run } from './context.js';

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

function call(params: Record<string, unknown>, ctx: Parameters<typeof run>[2] = {}) {
  return run(registry.get('http.request'), params, ctx);
}

describe('http.request success', () => {
  it('outputs status, headers and the parsed JSON body', async () => {
    upstream.script('GET', '/json', [{ status: 200, json: { id: 7, tags: ['a'] }, headers: { 'X-Trace': 't1' } }]);
    const result = expectOk(await call({ url: `${upstream.url}/json` }));
    expect(result.output).toMatchObject({ status: 200, body: { id: 7, tags: ['a'] } });
    expect((result.output as { headers: Record<string, string> }).headers['x-trace']).toBe('t1');
    expect(result.request).toMatchObject({ method: 'GET', url: `${upstream.url}/json`, body: null, truncated: false });
    expect(result.response).toMatchObject({ status: 200, body: { id: 7, tags: ['a'] }, truncated: false });
  });

  it('outputs a text body as a string', async () => {
    upstream.script('GET', '/text', [{ text: 'hello there' }]);
    const result = expectOk(await call({ url: `${upstream.url}/text` }));
    expect(result.output).toMatchObject({ status: 200, body: 'hello there' });
  });

  it.each([
    ['204', { status: 204 }, 'GET'],
    ['205', { status: 205 }, 'GET'],
    ['length 0', { status: 200 }, 'GET'],
    ['HEAD', { status: 200, json: { ignored: true } }, 'HEAD'],
  ] as const)('outputs body null for an empty body (%s)', async (_name, step, method) => {
    upstream.script(method, '/empty', [step]);
    const result = expectOk(await call({ method, url: `${upstream.url}/empty` }));
    expect((result.output as { body: unknown }).body).toBeNull();
  });

  it('outputs body null for a 304 listed in expect.status', async () => {
    upstream.script('GET', '/cached', [{ status: 304 }]);
    const result = expectOk(await call({ url: `${upstream.url}/cached`, expect: { status: [200, 304] } }));
    expect(result.output).toMatchObject({ status: 304, body: null });
  });

  it('parses JSON when responseType is json whatever the content type, and keeps text when it is text', async () => {
    upstream.script('GET', '/plain-json', [{ text: '{"a":1}' }]);
    expect(expectOk(await call({ url: `${upstream.url}/plain-json`, responseType: 'json' })).output).toMatchObject({ body: { a: 1 } });
    upstream.script('GET', '/json', [{ json: { a: 1 } }]);
    expect(expectOk(await call({ url: `${upstream.url}/json`, responseType: 'text' })).output).toMatchObject({ body: '{"a":1}' });
  });

  it('accepts a body that matches expect.schema', async () => {
    upstream.script('POST', '/charges', [{ status: 201, json: { id: 'ch-1' } }]);
    const schema = { type: 'object', required: ['id'] };
    expectOk(await call({ method: 'POST', url: `${upstream.url}/charges`, body: {}, expect: { status: [200, 201], schema } }));
  });

  it('succeeds with a 4xx that expect.status lists', async () => {
    upstream.script('DELETE', '/reservations/r1', [{ status: 404, json: { error: 'gone' } }]);
    const result = expectOk(await call({ method: 'DELETE', url: `${upstream.url}/reservations/r1`, expect: { status: [200, 204, 404] } }));
    expect(result.output).toMatchObject({ status: 404 });
  });
});

describe('http.request classification (semantics.md table)', () => {
  const httpDate = new Date(NOW + 30_000).toUTCString();
  it.each([
    ['408', { status: 408 }, 'timeout', undefined],
    ['429 without Retry-After', { status: 429 }, 'rate_limited', undefined],
    ['429 with Retry-After seconds', { status: 429, headers: { 'Retry-After': '7' } }, 'rate_limited', 7_000],
    ['429 with Retry-After HTTP-date', { status: 429, headers: { 'Retry-After': httpDate } }, 'rate_limited', 30_000],
    ['503 with Retry-After', { status: 503, headers: { 'Retry-After': '2' } }, 'rate_limited', 2_000],
    ['503 without Retry-After', { status: 503 }, 'server', undefined],
    ['503 with an unparseable Retry-After', { status: 503, headers: { 'Retry-After': 'soon' } }, 'server', undefined],
    ['500', { status: 500, json: { error: 'boom' } }, 'server', undefined],
    ['502', { status: 502 }, 'server', undefined],
    ['501', { status: 501 }, 'invalid_request', undefined],
    ['400', { status: 400, json: { error: 'bad address' } }, 'invalid_request', undefined],
    ['404', { status: 404 }, 'invalid_request', undefined],
    ['425', { status: 425 }, 'invalid_request', undefined],
    ['401', { status: 401 }, 'auth', undefined],
    ['403', { status: 403 }, 'auth', undefined],
    ['302 without Location', { status: 302 }, 'invalid_response', undefined],
    ['201 when expect.status is [200]', { status: 201 }, 'invalid_response', undefined],
  ] as const)('%s is %s', async (name, step, category, retryAfterMs) => {
    upstream.script('POST', '/op', [step]);
    const expectStatus = name.startsWith('201') ? { expect: { status: [200] } } : {};
    const result = expectFailure(await call({ method: 'POST', url: `${upstream.url}/op`, body: { a: 1 }, ...expectStatus }));
    expect(result.failure.category).toBe(category);
    expect(result.failure.httpStatus).toBe(step.status);
    expect(result.failure.retryAfterMs).toBe(retryAfterMs);
    expect(result.response?.status).toBe(step.status);
    expect(result.request?.method).toBe('POST');
  });

  it('keeps the category of a failing 5xx whatever expect.status lists', async () => {
    upstream.script('GET', '/down', [{ status: 500 }]);
    const result = expectFailure(await call({ url: `${upstream.url}/down`, expect: { status: [200] } }));
    expect(result.failure.category).toBe('server');
  });

  it('names the status and the start of the body in the message', async () => {
    upstream.script('GET', '/bad', [{ status: 400, json: { error: 'bad address' } }]);
    const result = expectFailure(await call({ url: `${upstream.url}/bad` }));
    expect(result.failure.message).toBe(`HTTP 400 from GET ${upstream.url}/bad: {"error":"bad address"}`);
  });

  it('classifies a 302 that expect.status does not list as invalid_response when redirects are off', async () => {
    upstream.script('GET', '/moved', [{ status: 302, headers: { Location: '/elsewhere' } }]);
    const result = expectFailure(await call({ url: `${upstream.url}/moved`, followRedirects: 0 }));
    expect(result.failure.category).toBe('invalid_response');
    expect(result.failure.message).toMatch(/HTTP 302 .* is not an expected status \(expected a 2xx status\)/);
  });

  it('classifies malformed JSON as invalid_response, with the content type and a snippet', async () => {
    upstream.script('GET', '/malformed', [{ malformed: true }]);
    const result = expectFailure(await call({ url: `${upstream.url}/malformed` }));
    expect(result.failure.category).toBe('invalid_response');
    expect(result.failure.message).toMatch(/not valid JSON .*content-type application\/json\): \{"truncated": \[1, 2/);
    expect(result.response?.body).toBe('{"truncated": [1, 2');
  });

  it('classifies a body failing expect.schema as invalid_response', async () => {
    upstream.script('GET', '/company', [{ json: { title: 'no name' } }]);
    const result = expectFailure(await call({ url: `${upstream.url}/company`, expect: { schema: { type: 'object', required: ['name'] } } }));
    expect(result.failure.category).toBe('invalid_response');
    expect(result.failure.message).toMatch(/does not match expect.schema: body must have required property 'name'/);
  });

  it('fails an expect.schema that does not compile with invalid_request, before sending', async () => {
    const result = expectFailure(await call({ url: `${upstream.url}/x`, expect: { schema: { type: 'nonsense' } } }));
    expect(result.failure.category).toBe('invalid_request');
    expect(upstream.requests).toHaveLength(0);
  });

  it.each([
    ['a content-length over the limit', { text: 'x'.repeat(2_000) }],
    ['a streamed body over the limit', { streamBytes: 5_000_000 }],
  ] as const)('classifies %s as invalid_response', async (_name, step) => {
    upstream.script('GET', '/big', [step]);
    const result = expectFailure(await call({ url: `${upstream.url}/big`, maxResponseBytes: 1_000 }));
    expect(result.failure.category).toBe('invalid_response');
    expect(result.failure.message).toMatch(/larger than maxResponseBytes \(1000 bytes\)/);
    expect(result.response?.truncated).toBe(true);
  });

  it('keeps the status category of an error response over maxResponseBytes', async () => {
    upstream.script('GET', '/big-error', [{ status: 500, streamBytes: 100_000 }]);
    const result = expectFailure(await call({ url: `${upstream.url}/big-error`, maxResponseBytes: 1_000 }));
    expect(result.failure.category).toBe('server');
    expect(result.response?.truncated).toBe(true);
  });

  it('classifies a request that gets no answer as timeout within timeoutMs', async () => {
    upstream.script('GET', '/hang', [{ hang: true }]);
    const result = expectFailure(await call({ url: `${upstream.url}/hang` }, { timeoutMs: 300 }));
    expect(result.failure.category).toBe('timeout');
    expect(result.failure.message).toBe(`GET ${upstream.url}/hang: no complete response within 300 ms`);
    expect(result.request?.url).toBe(`${upstream.url}/hang`);
  });

  it('classifies a connection refused (a closed port) as network', async () => {
    const closed = await startUpstream();
    const url = `${closed.url}/x`;
    await closed.close();
    const result = expectFailure(await call({ url }));
    expect(result.failure.category).toBe('network');
    expect(result.failure.message).toMatch(/connection refused \(ECONNREFUSED\)/);
  });

  it('classifies a destroyed socket as network', async () => {
    upstream.script('GET', '/reset', [{ destroy: true }]);
    const result = expectFailure(await call({ url: `${upstream.url}/reset` }));
    expect(result.failure.category).toBe('network');
  });

  it('classifies an abort of ctx.signal as cancelled, not timeout', async () => {
    upstream.script('GET', '/hang', [{ hang: true }]);
    const controller = new AbortController();
    const pending = call({ url: `${upstream.url}/hang` }, { signal: controller.signal, timeoutMs: 10_000 });
    await eventually(() => (upstream.countFor('GET', '/hang') > 0 ? true : undefined), { what: 'the call to reach the upstream' });
    controller.abort();
    const result = expectFailure(await pending);
    expect(result.failure.category).toBe('cancelled');
  });

  it('sends nothing when ctx.signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = expectFailure(await call({ url: `${upstream.url}/x` }, { signal: controller.signal }));
    expect(result.failure.category).toBe('cancelled');
    expect(upstream.requests).toHaveLength(0);
  });

  it('fails params whose templates produced the wrong types with invalid_request', async () => {
    const result = expectFailure(await call({ url: `${upstream.url}/x`, maxResponseBytes: 'lots', method: 'FETCH' }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/^invalid params: method: method is one of GET/);
    expect(result.failure.message).toMatch(/maxResponseBytes: maxResponseBytes is a number of bytes/);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('recorded bodies', () => {
  it('truncates request and response bodies at recordBodyBytes and marks them', async () => {
    upstream.script('POST', '/bulk', [{ json: { items: 'y'.repeat(500) } }]);
    const result = expectOk(await call({ method: 'POST', url: `${upstream.url}/bulk`, body: { items: 'x'.repeat(500) } }, { recordBodyBytes: 100 }));
    expect(result.request?.truncated).toBe(true);
    expect(result.request?.body).toBe(`{"items":"${'x'.repeat(90)}`);
    expect(result.response?.truncated).toBe(true);
    expect(typeof result.response?.body).toBe('string');
    expect((result.response?.body as string).length).toBe(100);
    // The output itself is whole.
    expect((result.output as { body: { items: string } }).body.items).toHaveLength(500);
  });

  it('keeps bodies under the limit as JSON values', async () => {
    upstream.script('POST', '/small', [{ json: { ok: true } }]);
    const result = expectOk(await call({ method: 'POST', url: `${upstream.url}/small`, body: [1, 2] }, { recordBodyBytes: 100 }));
    expect(result.request).toMatchObject({ body: [1, 2], truncated: false });
    expect(result.response).toMatchObject({ body: { ok: true }, truncated: false });
  });
});
