import { connect } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness } from './support/harness.js';

describe('webhooks', () => {
  let h: Harness;
  const activate = async (params: Record<string, unknown>, extra?: Parameters<typeof webhookWorkflow>[1]): Promise<string> => {
    const created = await h.api('POST', '/api/workflows', webhookWorkflow(params, extra));
    expect(created.status).toBe(201);
    expect((await h.api('POST', `/api/workflows/${created.json.id}/activate`)).status).toBe(200);
    return created.json.id as string;
  };
  const runsOf = async (workflowId: string): Promise<Array<{ id: string; status: string }>> =>
    (await h.api('GET', `/api/runs?workflowId=${workflowId}`)).json.items;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    h.raw('POST', `/hooks/${path}`, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    h = await startHarness();
    await h.api('POST', '/api/credentials', { id: 'hook_token', name: 'Hook token', kind: 'bearer', token: 'tok-s3cret-value' });
    await h.api('POST', '/api/credentials', { id: 'hook_hmac', name: 'Hook signing', kind: 'hmac', secret: 'hmac-s3cret-value' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('async: 202 { runId, statusUrl } once the run is committed', async () => {
    const id = await activate({ path: 'async-one' });
    const res = await post('async-one', { a: 1 });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ runId: expect.any(String), statusUrl: `/api/runs/${res.json.runId}` });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The run is readable at once: it was committed before the answer.
    const run = await h.api('GET', res.json.statusUrl);
    expect(run.status).toBe(200);
    expect(run.json.workflowId).toBe(id);
    expect(run.json.trigger).toMatchObject({ kind: 'webhook', body: { a: 1 }, method: 'POST', path: 'async-one' });
  });

  it('sync with a respond node: what it produced, status and headers included', async () => {
    await activate({ path: 'sync-respond', mode: 'sync' }, { respond: true });
    const res = await post('sync-respond', { hello: 'there' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-answer')).toBe('yes');
    expect(res.json).toEqual({ echo: { hello: 'there' } });
  });

  it('sync without respond: 200 with the output of the node that succeeded last', async () => {
    await activate({ path: 'sync-plain', mode: 'sync' });
    const res = await post('sync-plain', { n: 5 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ got: { n: 5 } });
  });

  it('sync, the run fails: 502 run_failed with runId and status', async () => {
    await activate({ path: 'sync-fail', mode: 'sync' }, { fail: true });
    const res = await post('sync-fail', {});
    expect(res.status).toBe(502);
    expect(res.json.error).toMatchObject({ code: 'run_failed', details: { runId: expect.any(String), status: 'failed' } });
  });

  it('sync, not finished within timeoutMs: 202 { runId, statusUrl }', async () => {
    await activate({ path: 'sync-slow', mode: 'sync', timeoutMs: 100 }, { delayMs: 20_000, respond: true });
    const res = await post('sync-slow', {});
    expect(res.status).toBe(202);
    expect(res.json.statusUrl).toBe(`/api/runs/${res.json.runId}`);
    // The answer came before the run (20 s of delay) ended.
    expect((await h.api('GET', res.json.statusUrl)).json.status).not.toBe('succeeded');
  });

  it('404 for an unknown path, an inactive workflow and a wrong method', async () => {
    expect((await post('no-such-hook', {})).status).toBe(404);
    const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'inactive-hook' }));
    expect((await post('inactive-hook', {})).status).toBe(404);
    await activate({ path: 'put-only', method: 'PUT' });
    const wrong = await post('put-only', {});
    expect(wrong.status).toBe(404);
    expect(wrong.json.error.code).toBe('not_found');
    expect((await h.raw('PUT', '/hooks/put-only', { body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(202);
    expect((await post(created.json.id as string, {})).status).toBe(404);
  });

  it('follows workflow changes at once: a deactivated webhook answers 404, an updated path answers at its new place', async () => {
    const id = await activate({ path: 'moving' });
    expect((await post('moving', {})).status).toBe(202);
    expect((await h.api('POST', `/api/workflows/${id}/deactivate`)).status).toBe(200);
    expect((await post('moving', {})).status).toBe(404);
    expect((await h.api('POST', `/api/workflows/${id}/activate`)).status).toBe(200);
    expect((await post('moving', {})).status).toBe(202);
    const current = (await h.api('GET', `/api/workflows/${id}`)).json;
    const moved = { ...webhookWorkflow({ path: 'moved' }), name: current.name };
    expect((await h.api('PUT', `/api/workflows/${id}`, moved)).status).toBe(200);
    expect((await post('moving', {})).status).toBe(404);
    expect((await post('moved', {})).status).toBe(202);
  });

  it('header auth: 401 with a generic message and no run when missing or wrong', async () => {
    const id = await activate({ path: 'header-auth', auth: { kind: 'header', header: 'X-Hook-Token', credential: 'hook_token' } });
    const missing = await post('header-auth', {});
    const wrong = await post('header-auth', {}, { 'x-hook-token': 'tok-s3cret-valuX' });
    for (const res of [missing, wrong]) {
      expect(res.status).toBe(401);
      expect(res.json.error).toEqual({ code: 'unauthorized', message: 'unauthorized' });
    }
    expect(await runsOf(id)).toHaveLength(0);
    const ok = await post('header-auth', { x: 1 }, { 'x-hook-token': 'tok-s3cret-value', authorization: 'Basic abc', cookie: 'a=b' });
    expect(ok.status).toBe(202);
    const run = (await h.api('GET', `/api/runs/${ok.json.runId}`)).json;
    // $trigger: lower-cased headers; authorization, cookie and the auth header redacted.
    expect(run.trigger.headers['x-hook-token']).toBe('[redacted]');
    expect(run.trigger.headers.authorization).toBe('[redacted]');
    expect(run.trigger.headers.cookie).toBe('[redacted]');
    expect(run.trigger.headers['content-type']).toBe('application/json');
    expect(JSON.stringify(run)).not.toContain('tok-s3cret-value');
  });

  it('hmac-sha256: valid (with or without sha256=) accepted; flipped byte, wrong secret, stale or future timestamp refused', async () => {
    const id = await activate({ path: 'hmac-hook', auth: { kind: 'hmac-sha256', credential: 'hook_hmac', header: 'X-Signature', timestampHeader: 'X-Timestamp', toleranceSec: 300 } });
    const body = JSON.stringify({ order: 7 });
    const sign = (ts: number, raw: string, secret = 'hmac-s3cret-value') => createHmac('sha256', secret).update(`${ts}.${raw}`).digest('hex');
    const now = Math.floor(Date.now() / 1000);
    const send = (ts: number, sig: string, raw = body) => post('hmac-hook', raw, { 'x-timestamp': String(ts), 'x-signature': sig });
    expect((await send(now, sign(now, body))).status).toBe(202);
    expect((await send(now, `sha256=${sign(now, body)}`)).status).toBe(202);
    const refused = [
      await send(now, sign(now, body), body.replace('7', '8')),
      await send(now, sign(now, body, 'other-secret')),
      // A few seconds past the 300 s tolerance either way (whole-second stamps, a moving clock).
      await send(now - 303, sign(now - 303, body)),
      await send(now + 303, sign(now + 303, body)),
      await send(now, sign(now, body).slice(0, 10)),
      await post('hmac-hook', body, {}),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.json.error.message).toBe('unauthorized');
    }
    expect(await runsOf(id)).toHaveLength(2);
  });

  it('413 when the body is over maxBodyBytes, by content-length or while streaming chunked; no run', async () => {
    const id = await activate({ path: 'small-body', maxBodyBytes: 100 });
    expect((await post('small-body', 'x'.repeat(101), { 'content-type': 'text/plain' })).status).toBe(413);
    // Chunked, without a content-length, up to 50 MiB: refused while reading, so the answer
    // comes long before the sender is done (a server that buffered first would answer at the end).
    const CHUNKS = 800;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > CHUNKS) controller.close();
        else controller.enqueue(new Uint8Array(65_536).fill(120));
      },
    });
    const res = await fetch(`${h.url}/hooks/small-body`, { method: 'POST', body: stream, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(CHUNKS);
    expect((await post('small-body', { ok: true })).status).toBe(202);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('a sender that disconnects mid-body starts no run, and the webhook keeps answering', async () => {
    const id = await activate({ path: 'half-body' });
    const { port } = new URL(h.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /hooks/half-body HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"orderId":');
        // Gone mid-body, sooner or later: either way the server must start no run (not a timing claim).
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    expect((await post('half-body', { orderId: 'o-2' })).status).toBe(202);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('400 for malformed JSON and for a body failing the schema; no run', async () => {
    const id = await activate({ path: 'schema-hook', schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } } });
    const malformed = await post('schema-hook', '{"amount":');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalid_request');
    const wrong = await post('schema-hook', { amount: 'ten' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details.issues[0].message).toContain('amount');
    const deep = await post('schema-hook', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deep.status).toBe(400);
    expect(deep.json.error.message).toContain('nests deeper');
    expect(await runsOf(id)).toHaveLength(0);
    expect((await post('schema-hook', { amount: 10, note: '[[[[ not nesting ]' })).status).toBe(202);
  });

  it('parses form, text and other bodies into $trigger.body', async () => {
    await activate({ path: 'body-kinds', mode: 'sync' });
    const form = await h.raw('POST', '/hooks/body-kinds', { body: 'a=1&b=two&__proto__=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.json.got).toMatchObject({ a: '1', b: 'two' });
    // A `__proto__` field is a plain key, never the prototype.
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(form.json.got)).toBe(Object.prototype);
    const text = await h.raw('POST', '/hooks/body-kinds', { body: 'plain words', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(text.json).toEqual({ got: 'plain words' });
    const bin = await h.raw('POST', '/hooks/body-kinds', { body: Buffer.from([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } });
    expect(bin.json).toEqual({ got: { contentType: 'application/octet-stream', base64: 'AQID' } });
  });

  it('429 with Retry-After over the rate limit', async () => {
    await activate({ path: 'limited', rateLimit: { perSecond: 0.5, burst: 2 } });
    expect((await post('limited', {})).status).toBe(202);
    expect((await post('limited', {})).status).toBe(202);
    const res = await post('limited', {});
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('checks in order: rate limit before size, size before auth, auth before parsing', async () => {
    await activate({ path: 'order-hook', maxBodyBytes: 10, rateLimit: { perSecond: 0.01, burst: 1 }, auth: { kind: 'header', header: 'x-t', credential: 'hook_token' } });
    // Oversized and unauthenticated: 413 (size comes before auth).
    expect((await post('order-hook', 'x'.repeat(50))).status).toBe(413);
    // Now the bucket is empty: 429 even for an oversized body.
    expect((await post('order-hook', 'x'.repeat(50))).status).toBe(429);
    await activate({ path: 'order-hook-2', auth: { kind: 'header', header: 'x-t', credential: 'hook_token' } });
    // Malformed JSON without auth: 401 (auth comes before parsing).
    expect((await post('order-hook-2', '{bad')).status).toBe(401);
    expect((await post('order-hook-2', '{bad', { 'x-t': 'tok-s3cret-value' })).status).toBe(400);
  });

  it('a repeated idempotency key answers the first answer again with Idempotent-Replayed, no new run', async () => {
    const id = await activate({ path: 'idem-async', idempotency: { header: 'Idempotency-Key' } });
    const first = await post('idem-async', { v: 1 }, { 'idempotency-key': 'k-1' });
    const second = await post('idem-async', { v: 2 }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(202);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await runsOf(id)).toHaveLength(1);
    // Without a key, every delivery is a new run.
    await post('idem-async', { v: 3 });
    await post('idem-async', { v: 3 });
    expect(await runsOf(id)).toHaveLength(3);
  });

  it('sync replays the first answer; a key from an expression works the same', async () => {
    const id = await activate({ path: 'idem-sync', mode: 'sync', idempotency: { expression: 'body.orderId' } }, { respond: true });
    const first = await post('idem-sync', { orderId: 'o-9', n: 1 });
    const again = await post('idem-sync', { orderId: 'o-9', n: 2 });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ echo: { orderId: 'o-9', n: 1 } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('a key whose first delivery never committed its run: the retry starts that run under the same id', async () => {
    const id = await activate({ path: 'idem-retry', idempotency: { header: 'Idempotency-Key' } });
    // As left by a first delivery that claimed the key and then could not commit (503).
    await h.server.store.claimIdempotencyKey({ scope: `webhook:${id}`, key: 'k-lost', runId: 'run-named-by-key', response: null, createdAt: Date.now() });
    const retry = await post('idem-retry', { v: 1 }, { 'idempotency-key': 'k-lost' });
    expect(retry.status).toBe(202);
    expect(retry.json.runId).toBe('run-named-by-key');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const again = await post('idem-retry', { v: 1 }, { 'idempotency-key': 'k-lost' });
    expect(again.json.runId).toBe('run-named-by-key');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('200 concurrent deliveries with one key: exactly one run, all the same runId, never 409', async () => {
    const id = await activate({ path: 'idem-storm', idempotency: { header: 'X-Delivery' } });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => post('idem-storm', { i }, { 'x-delivery': 'storm-1' })));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((a) => a.json.runId)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(199);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('the run of an async delivery goes on to succeed', async () => {
    await activate({ path: 'async-done' });
    const res = await post('async-done', { z: 1 });
    const run = await eventually(async () => {
      const r = (await h.api('GET', res.json.statusUrl)).json;
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.nodes.find((n: { nodeId: string }) => n.nodeId === 'shape').output).toEqual({ got: { z: 1 } });
  });
});

describe('webhooks when the store cannot commit', () => {
  it('answers 503 with Retry-After, never a 2xx', async () => {
    const h = await startHarness();
    try {
      const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'down' }));
      await h.api('POST', `/api/workflows/${created.json.id}/activate`);
      await h.server.store.close();
      const res = await h.raw('POST', '/hooks/down', { body: '{}', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('unavailable');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await h.close();
    }
  });
});

describe('the live-run high-water mark', () => {
  it('answers 503 with Retry-After and starts nothing once SWITCHYARD_MAX_ACTIVE_RUNS runs are live; takes runs again as they end', async () => {
    const h = await startHarness({ env: { SWITCHYARD_MAX_ACTIVE_RUNS: '2' } });
    try {
      const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'busy' }, { delayMs: 60_000 }));
      const id = created.json.id as string;
      expect((await h.api('POST', `/api/workflows/${id}/activate`)).status).toBe(200);
      const post = () => h.raw('POST', '/hooks/busy', { body: '{}', headers: { 'content-type': 'application/json' } });
      const first = await post();
      expect(first.status).toBe(202);
      expect((await post()).status).toBe(202);
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('unavailable');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      // A manual run is refused the same way; nothing was stored for either.
      expect((await h.api('POST', `/api/workflows/${id}/runs`, { input: null })).status).toBe(503);
      expect((await h.api('GET', `/api/runs?workflowId=${id}`)).json.items).toHaveLength(2);
      // One run ends (cancelled): there is room again.
      expect((await h.api('POST', `/api/runs/${first.json.runId}/cancel`, {})).status).toBe(202);
      await eventually(async () => ((await h.api('GET', `/api/runs/${first.json.runId}`)).json.status === 'cancelled' ? true : undefined));
      expect((await post()).status).toBe(202);
    } finally {
      await h.close();
    }
  });
});
