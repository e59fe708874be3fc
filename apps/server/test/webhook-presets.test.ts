import { createHmac } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from './support/fixtures.js';
import { pinnedClock, startHarness, type ApiAnswer, type Harness } from './support/harness.js';

/**
 * Every signature here comes from the sender's own library or its documented example: never
 * from Switchyard's code. Where a sender has no library (Shopify, Slack), the test follows its
 * documentation with node:crypto. Business time is a pinned clock; timestamps are set from it.
 */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const T0_SEC = Math.floor(T0 / 1000);
const stripe = new Stripe('sk_test_signing_only');

describe('webhook auth presets, signed by the senders', () => {
  let h: Harness;
  const clock = pinnedClock(T0);

  const activate = async (params: Record<string, unknown>): Promise<string> => {
    const created = await h.api('POST', '/api/workflows', webhookWorkflow(params));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect((await h.api('POST', `/api/workflows/${created.json.id}/activate`)).status).toBe(200);
    return created.json.id as string;
  };
  const runsOf = async (workflowId: string): Promise<Array<{ id: string }>> => (await h.api('GET', `/api/runs?workflowId=${workflowId}`)).json.items;
  const send = (path: string, body: string, headers: Record<string, string>, contentType = 'application/json'): Promise<ApiAnswer> =>
    h.raw('POST', `/hooks/${path}`, { body, headers: { 'content-type': contentType, ...headers } });
  const credential = (id: string, secret: string) => h.api('POST', '/api/credentials', { id, name: id, kind: 'hmac', secret });

  /** Every answer refused as the spec says: 401, the generic message. */
  const expectRefused = (answers: ApiAnswer[]): void => {
    for (const res of answers) {
      expect(res.status, res.text).toBe(401);
      expect(res.json.error).toEqual({ code: 'unauthorized', message: 'unauthorized' });
    }
  };
  /** A replay answered as the first delivery: the same run, marked replayed. */
  const expectDuplicate = (first: ApiAnswer, again: ApiAnswer): void => {
    expect(again.status).toBe(202);
    expect(again.json.runId).toBe(first.json.runId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('github', () => {
    const secret = "It's a Secret to Everybody";
    beforeAll(async () => {
      await credential('gh_secret', secret);
      await credential('gh_other', 'not the secret');
    });

    it("accepts GitHub's documented example and @octokit/webhooks-methods signatures; refuses tampered, wrong-secret and replayed deliveries", async () => {
      clock.set(T0);
      const id = await activate({ path: 'gh', auth: { kind: 'github', credential: 'gh_secret' } });
      // GitHub's documentation: this secret, this payload, this signature.
      const documented = await send('gh', 'Hello, World!', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'x-github-delivery': 'doc-1' }, 'text/plain');
      expect(documented.status).toBe(202);

      const body = JSON.stringify({ action: 'opened', number: 7 });
      const signature = await githubSign(secret, body);
      const first = await send('gh', body, { 'x-hub-signature-256': signature, 'x-github-delivery': 'd-7', 'x-github-event': 'pull_request' });
      expect(first.status).toBe(202);
      const run = (await h.api('GET', `/api/runs/${first.json.runId}`)).json;
      expect(run.trigger.body).toEqual({ action: 'opened', number: 7 });
      expect(run.trigger.headers['x-hub-signature-256']).toBe('[redacted]');

      expectRefused([
        await send('gh', body.replace('7', '8'), { 'x-hub-signature-256': signature, 'x-github-delivery': 'd-8' }),
        await send('gh', body, { 'x-hub-signature-256': await githubSign('not the secret', body), 'x-github-delivery': 'd-9' }),
        await send('gh', body, { 'x-hub-signature-256': signature.replace('sha256=', 'sha1='), 'x-github-delivery': 'd-10' }),
        await send('gh', body, { 'x-github-delivery': 'd-11' }),
      ]);
      // GitHub's scheme has no timestamp: a replay is caught by its delivery id (a GitHub redelivery keeps it too).
      expectDuplicate(first, await send('gh', body, { 'x-hub-signature-256': signature, 'x-github-delivery': 'd-7' }));
      expect(await runsOf(id)).toHaveLength(2);
    });

    it('rotation: the previous secret is accepted until previous.until, then refused', async () => {
      clock.set(T0);
      const id = await activate({ path: 'gh-rotated', auth: { kind: 'github', credential: 'gh_other', previous: { credential: 'gh_secret', until: new Date(T0 + 3_600_000).toISOString() } } });
      const body = '{"zen":"Keep it logically awesome."}';
      expect((await send('gh-rotated', body, { 'x-hub-signature-256': await githubSign('not the secret', body), 'x-github-delivery': 'r-1' })).status).toBe(202);
      expect((await send('gh-rotated', body, { 'x-hub-signature-256': await githubSign(secret, body), 'x-github-delivery': 'r-2' })).status).toBe(202);
      clock.set(T0 + 3_600_000);
      expectRefused([await send('gh-rotated', body, { 'x-hub-signature-256': await githubSign(secret, body), 'x-github-delivery': 'r-3' })]);
      expect((await send('gh-rotated', body, { 'x-hub-signature-256': await githubSign('not the secret', body), 'x-github-delivery': 'r-4' })).status).toBe(202);
      expect(await runsOf(id)).toHaveLength(3);
    });
  });

  describe('stripe', () => {
    const secret = 'whsec_test_current_0123456789abcdef';
    const oldSecret = 'whsec_test_rolled_fedcba9876543210';
    beforeAll(async () => {
      await credential('stripe_whsec', secret);
      await credential('stripe_old', oldSecret);
    });
    const event = (id: string, amount = 1000): string => JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', data: { object: { amount } } });
    const header = (payload: string, key: string, timestamp = T0_SEC): string => stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp });

    it('accepts stripe.webhooks.generateTestHeaderString; refuses tampered, wrong-secret and expired deliveries; a repeated event id is a duplicate', async () => {
      clock.set(T0);
      const id = await activate({ path: 'stripe', auth: { kind: 'stripe', credential: 'stripe_whsec' } });
      const body = event('evt_1');
      const first = await send('stripe', body, { 'stripe-signature': header(body, secret) });
      expect(first.status).toBe(202);
      expectRefused([
        await send('stripe', event('evt_1', 99), { 'stripe-signature': header(body, secret) }),
        await send('stripe', event('evt_2'), { 'stripe-signature': header(event('evt_2'), 'whsec_wrong') }),
        // 301 s old against the default tolerance of 300 s, and as far in the future.
        await send('stripe', event('evt_3'), { 'stripe-signature': header(event('evt_3'), secret, T0_SEC - 301) }),
        await send('stripe', event('evt_4'), { 'stripe-signature': header(event('evt_4'), secret, T0_SEC + 301) }),
        await send('stripe', event('evt_5'), {}),
      ]);
      // The same request again, and Stripe's own retry of the event (new timestamp, new signature).
      clock.set(T0 + 60_000);
      expectDuplicate(first, await send('stripe', body, { 'stripe-signature': header(body, secret) }));
      expectDuplicate(first, await send('stripe', body, { 'stripe-signature': header(body, secret, T0_SEC + 60) }));
      // Within the tolerance the stamp still passes: 299 s old.
      expect((await send('stripe', event('evt_6'), { 'stripe-signature': header(event('evt_6'), secret, T0_SEC + 60 - 299) })).status).toBe(202);
      expect(await runsOf(id)).toHaveLength(2);
    });

    it('a rolled secret: both signatures in one header, or the old one alone, pass during the overlap; the old one alone is refused after it', async () => {
      clock.set(T0);
      const until = new Date(T0 + 24 * 3_600_000).toISOString();
      const id = await activate({ path: 'stripe-rolled', auth: { kind: 'stripe', credential: 'stripe_whsec', previous: { credential: 'stripe_old', until } } });
      const body = event('evt_r1');
      // While an endpoint secret is rolled, Stripe signs with both: `t=…,v1=<new>,v1=<old>`.
      const both = `${header(body, secret)},v1=${header(body, oldSecret).split('v1=')[1] ?? ''}`;
      expect(stripe.webhooks.constructEvent(body, both, oldSecret, 300, undefined, T0_SEC).id).toBe('evt_r1');
      expect((await send('stripe-rolled', body, { 'stripe-signature': both })).status).toBe(202);
      expect((await send('stripe-rolled', event('evt_r2'), { 'stripe-signature': header(event('evt_r2'), oldSecret) })).status).toBe(202);
      clock.set(T0 + 24 * 3_600_000);
      expectRefused([await send('stripe-rolled', event('evt_r3'), { 'stripe-signature': header(event('evt_r3'), oldSecret, T0_SEC + 86_400) })]);
      expect((await send('stripe-rolled', event('evt_r4'), { 'stripe-signature': header(event('evt_r4'), secret, T0_SEC + 86_400) })).status).toBe(202);
      expect(await runsOf(id)).toHaveLength(3);
    });
  });

  describe('shopify', () => {
    const secret = 'shpss_0123456789abcdef0123456789abcdef';
    // Shopify documents the scheme (base64 HMAC-SHA256 of the raw body) but ships no signing library.
    const shopifySign = (body: string, key = secret): string => createHmac('sha256', key).update(body, 'utf8').digest('base64');

    it('accepts the documented base64 signature; refuses tampered and wrong-secret deliveries; a repeated event id is a duplicate', async () => {
      clock.set(T0);
      await credential('shop_secret', secret);
      const id = await activate({ path: 'shopify', auth: { kind: 'shopify', credential: 'shop_secret' } });
      const body = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com' });
      const meta = { 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': 'example.myshopify.com' };
      const first = await send('shopify', body, { ...meta, 'x-shopify-hmac-sha256': shopifySign(body), 'x-shopify-event-id': 'ev-1', 'x-shopify-webhook-id': 'wh-1' });
      expect(first.status).toBe(202);
      expectRefused([
        await send('shopify', body.replace('jon', 'eve'), { ...meta, 'x-shopify-hmac-sha256': shopifySign(body), 'x-shopify-event-id': 'ev-2' }),
        await send('shopify', body, { ...meta, 'x-shopify-hmac-sha256': shopifySign(body, 'shpss_wrong'), 'x-shopify-event-id': 'ev-3' }),
        // Hex where base64 belongs.
        await send('shopify', body, { ...meta, 'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('hex'), 'x-shopify-event-id': 'ev-4' }),
      ]);
      // No timestamp in Shopify's scheme; its retry of the event carries the same event id.
      expectDuplicate(first, await send('shopify', body, { ...meta, 'x-shopify-hmac-sha256': shopifySign(body), 'x-shopify-event-id': 'ev-1', 'x-shopify-webhook-id': 'wh-2' }));
      expect(await runsOf(id)).toHaveLength(1);
    });
  });

  describe('slack', () => {
    // Slack's "Verifying requests from Slack" example: this secret, timestamp, body and signature.
    const docSecret = '8f742231b10e8888abcd99yyyzzz85a5';
    const docTimestamp = 1531420618;
    const docBody =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const docSignature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    const secret = 'slack-signing-secret-0123456789';
    // As Slack documents it: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`.
    const slackSign = (ts: number, body: string, key = secret): string => `v0=${createHmac('sha256', key).update(`v0:${ts}:${body}`).digest('hex')}`;
    const signed = (ts: number, body: string, key = secret): Record<string, string> => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSign(ts, body, key) });

    beforeAll(async () => {
      await credential('slack_doc', docSecret);
      await credential('slack_signing', secret);
    });

    it("accepts Slack's documented example (a slash command form post) at its own time; a byte-for-byte replay is a duplicate", async () => {
      clock.set(docTimestamp * 1000 + 30_000);
      const id = await activate({ path: 'slack-doc', auth: { kind: 'slack', credential: 'slack_doc' } });
      const headers = { 'x-slack-request-timestamp': String(docTimestamp), 'x-slack-signature': docSignature };
      const first = await send('slack-doc', docBody, headers, 'application/x-www-form-urlencoded');
      expect(first.status).toBe(202);
      expectDuplicate(first, await send('slack-doc', docBody, headers, 'application/x-www-form-urlencoded'));
      expectRefused([await send('slack-doc', docBody.replace('foobar', 'general'), headers, 'application/x-www-form-urlencoded')]);
      // Past Slack's five minutes the same request is refused, not run.
      clock.set(docTimestamp * 1000 + 301_000);
      expectRefused([await send('slack-doc', docBody, headers, 'application/x-www-form-urlencoded')]);
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('answers a signed url_verification with its challenge and starts no run; events run once per event_id', async () => {
      clock.set(T0);
      const id = await activate({ path: 'slack', auth: { kind: 'slack', credential: 'slack_signing' } });
      const verification = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
      const challenged = await send('slack', verification, signed(T0_SEC, verification));
      expect(challenged.status).toBe(200);
      expect(challenged.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
      expectRefused([await send('slack', verification, signed(T0_SEC, verification, 'wrong-secret'))]);

      const event = (eventId: string, text = 'hello'): string => JSON.stringify({ type: 'event_callback', event_id: eventId, event: { type: 'message', text } });
      const first = await send('slack', event('Ev1'), signed(T0_SEC, event('Ev1')));
      expect(first.status).toBe(202);
      expectRefused([
        await send('slack', event('Ev1', 'tampered'), signed(T0_SEC, event('Ev1'))),
        await send('slack', event('Ev2'), signed(T0_SEC, event('Ev2'), 'wrong-secret')),
        await send('slack', event('Ev3'), signed(T0_SEC - 301, event('Ev3'))),
        await send('slack', event('Ev4'), { 'x-slack-signature': slackSign(T0_SEC, event('Ev4')) }),
      ]);
      // Slack's retry (X-Slack-Retry-Num, a new timestamp) of the same event is a duplicate.
      clock.set(T0 + 5_000);
      expectDuplicate(first, await send('slack', event('Ev1'), { ...signed(T0_SEC + 5, event('Ev1')), 'x-slack-retry-num': '1' }));
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('the challenge is answered only by a trigger configured for Slack', async () => {
      clock.set(T0);
      const id = await activate({ path: 'not-slack' });
      const verification = JSON.stringify({ token: 't', challenge: 'c-1', type: 'url_verification' });
      const res = await send('not-slack', verification, signed(T0_SEC, verification));
      expect(res.status).toBe(202);
      expect(res.json.challenge).toBeUndefined();
      expect(await runsOf(id)).toHaveLength(1);
    });
  });

  describe('standard-webhooks', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const oldSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    beforeAll(async () => {
      await credential('std_secret', secret);
      await credential('std_old', oldSecret);
    });
    const headersFor = (msgId: string, at: number, body: string, ...keys: string[]): Record<string, string> => ({
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at / 1000)),
      'webhook-signature': keys.map((k) => new Webhook(k).sign(msgId, new Date(at), body)).join(' '),
    });

    it('accepts Webhook#sign; refuses tampered, wrong-secret and stale deliveries; a repeated webhook-id is a duplicate; a rotated key passes in the list', async () => {
      clock.set(T0);
      const id = await activate({ path: 'std', auth: { kind: 'standard-webhooks', credential: 'std_secret', previous: { credential: 'std_old', until: new Date(T0 + 3_600_000).toISOString() } } });
      const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1' } });
      const first = await send('std', body, headersFor('msg_1', T0, body, secret));
      expect(first.status).toBe(202);
      expectRefused([
        await send('std', body.replace('inv_1', 'inv_2'), headersFor('msg_2', T0, body, secret)),
        await send('std', body, headersFor('msg_3', T0, body, 'whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==')),
        await send('std', body, headersFor('msg_4', T0 - 301_000, body, secret)),
        await send('std', body, headersFor('msg_5', T0 + 301_000, body, secret)),
        // The id is signed: another id with the same signature is refused.
        await send('std', body, { ...headersFor('msg_1', T0, body, secret), 'webhook-id': 'msg_6' }),
      ]);
      expectDuplicate(first, await send('std', body, headersFor('msg_1', T0 + 10_000, body, secret)));
      // During a rotation the sender lists one signature per key; the old key alone passes too.
      expect((await send('std', body, headersFor('msg_7', T0, body, 'whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==', oldSecret))).status).toBe(202);
      clock.set(T0 + 3_600_000);
      expectRefused([await send('std', body, headersFor('msg_8', T0 + 3_600_000, body, oldSecret))]);
      expect(await runsOf(id)).toHaveLength(2);
    });
  });

  describe('twilio', () => {
    const token = 'twilio-auth-token-0123456789abcd';
    beforeAll(async () => {
      await credential('twilio_token', token);
      // Twilio's documented example uses this auth token.
      await credential('twilio_doc', '12345');
    });
    const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

    it("accepts Twilio's documented example, signed for the URL entered in Twilio", async () => {
      clock.set(T0);
      const id = await activate({ path: 'twilio-doc', auth: { kind: 'twilio', credential: 'twilio_doc', url: 'https://mycompany.com/myapp.php' } });
      const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
      // Twilio's security documentation gives this signature for the example; its library agrees.
      const documented = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
      expect(twilio.getExpectedTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(documented);
      const res = await h.raw('POST', '/hooks/twilio-doc?foo=1&bar=2', { body: form(params), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': documented } });
      expect(res.status).toBe(202);
      // The query is signed too: the same signature with another query is refused.
      expectRefused([await h.raw('POST', '/hooks/twilio-doc?foo=1&bar=3', { body: form(params), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': documented } })]);
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('accepts getExpectedTwilioSignature for form and JSON (bodySHA256) bodies; refuses tampered and wrong-token deliveries; a repeated idempotency token is a duplicate', async () => {
      clock.set(T0);
      const id = await activate({ path: 'twilio-signed', auth: { kind: 'twilio', credential: 'twilio_token' } });
      const url = `${h.url}/hooks/twilio-signed`;
      const params = { MessageSid: 'SM1', From: '+15005550006', Body: 'hello' };
      const post = (body: string, signature: string, extra: Record<string, string> = {}, query = '') =>
        h.raw('POST', `/hooks/twilio-signed${query}`, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...extra } });
      const first = await post(form(params), twilio.getExpectedTwilioSignature(token, url, params), { 'i-twilio-idempotency-token': 'idem-1' });
      expect(first.status).toBe(202);
      expectRefused([
        await post(form({ ...params, Body: 'hellO' }), twilio.getExpectedTwilioSignature(token, url, params), { 'i-twilio-idempotency-token': 'idem-2' }),
        await post(form(params), twilio.getExpectedTwilioSignature('wrong-token', url, params), { 'i-twilio-idempotency-token': 'idem-3' }),
        // Signed for another URL.
        await post(form(params), twilio.getExpectedTwilioSignature(token, `${url}-elsewhere`, params), { 'i-twilio-idempotency-token': 'idem-4' }),
      ]);
      // Twilio's scheme has no timestamp: its retry carries the same idempotency token.
      expectDuplicate(first, await post(form(params), twilio.getExpectedTwilioSignature(token, url, params), { 'i-twilio-idempotency-token': 'idem-1' }));

      const json = JSON.stringify({ event: 'message.delivered', sid: 'SM2' });
      const withHash = `${url}?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
      const sig = twilio.getExpectedTwilioSignature(token, withHash, {});
      const query = `?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
      const jsonPost = (body: string) => h.raw('POST', `/hooks/twilio-signed${query}`, { body, headers: { 'content-type': 'application/json', 'x-twilio-signature': sig } });
      expect(twilio.validateRequestWithBody(token, sig, withHash, json)).toBe(true);
      expect((await jsonPost(json)).status).toBe(202);
      expectRefused([await jsonPost(json.replace('SM2', 'SM3'))]);
      expect(await runsOf(id)).toHaveLength(2);
    });
  });

  describe("Switchyard's own schemes", () => {
    it('hmac-sha256 and header tokens rotate the same way: the previous secret until previous.until', async () => {
      clock.set(T0);
      await credential('own_new', 'own-new-secret');
      await credential('own_old', 'own-old-secret');
      const until = new Date(T0 + 60_000).toISOString();
      const hmacId = await activate({ path: 'own-hmac', auth: { kind: 'hmac-sha256', credential: 'own_new', header: 'X-Signature', timestampHeader: 'X-Timestamp', previous: { credential: 'own_old', until } } });
      const tokenId = await activate({ path: 'own-token', auth: { kind: 'header', header: 'X-Token', credential: 'own_new', previous: { credential: 'own_old', until } } });
      // As http-api.md specifies it: hex HMAC-SHA256 of `<timestamp>.<raw body>`.
      const signed = (secret: string, at: number) => ({ 'x-timestamp': String(at), 'x-signature': createHmac('sha256', secret).update(`${at}.{}`).digest('hex') });
      expect((await send('own-hmac', '{}', signed('own-old-secret', T0_SEC))).status).toBe(202);
      expect((await send('own-token', '{}', { 'x-token': 'own-old-secret' })).status).toBe(202);
      clock.set(T0 + 60_000);
      expectRefused([await send('own-hmac', '{}', signed('own-old-secret', T0_SEC + 60)), await send('own-token', '{}', { 'x-token': 'own-old-secret' })]);
      expect((await send('own-hmac', '{}', signed('own-new-secret', T0_SEC + 60))).status).toBe(202);
      expect((await send('own-token', '{}', { 'x-token': 'own-new-secret' })).status).toBe(202);
      expect(await runsOf(hmacId)).toHaveLength(2);
      expect(await runsOf(tokenId)).toHaveLength(2);
    });
  });

  describe('generic hmac', () => {
    it("describes GitHub's and Slack's schemes without code: their documented examples pass", async () => {
      clock.set(1531420618 * 1000);
      await credential('gen_gh', "It's a Secret to Everybody");
      await credential('gen_slack', '8f742231b10e8888abcd99yyyzzz85a5');
      const gh = await activate({ path: 'gen-gh', auth: { kind: 'hmac', credential: 'gen_gh', header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', idHeader: 'X-GitHub-Delivery' } });
      const ok = await send('gen-gh', 'Hello, World!', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'x-github-delivery': 'g-1' }, 'text/plain');
      expect(ok.status).toBe(202);
      expectDuplicate(ok, await send('gen-gh', 'Hello, World!', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'x-github-delivery': 'g-1' }, 'text/plain'));
      expectRefused([await send('gen-gh', 'Hello, World?', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'x-github-delivery': 'g-2' }, 'text/plain')]);
      expect(await runsOf(gh)).toHaveLength(1);

      const slack = await activate({
        path: 'gen-slack',
        auth: { kind: 'hmac', credential: 'gen_slack', header: 'X-Slack-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v0=', signedString: 'v0:{timestamp}:{body}', timestampHeader: 'X-Slack-Request-Timestamp' },
      });
      const body =
        'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
      const headers = { 'x-slack-request-timestamp': '1531420618', 'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' };
      expect((await send('gen-slack', body, headers, 'application/x-www-form-urlencoded')).status).toBe(202);
      clock.set(1531420618 * 1000 + 301_000);
      expectRefused([await send('gen-slack', body, headers, 'application/x-www-form-urlencoded')]);
      expect(await runsOf(slack)).toHaveLength(1);
    });
  });

  describe('handshakes', () => {
    it("Meta: the hub.challenge GET is answered with the challenge when the verify token is the trigger's; events are signed like GitHub's", async () => {
      clock.set(T0);
      await credential('meta_app_secret', 'meta-app-secret-0123');
      await h.api('POST', '/api/credentials', { id: 'meta_verify', name: 'Meta verify token', kind: 'bearer', token: 'verify-me-please' });
      const id = await activate({ path: 'meta', auth: { kind: 'meta', credential: 'meta_app_secret', verifyToken: 'meta_verify' } });
      const challenge = await h.raw('GET', '/hooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please');
      expect(challenge.status).toBe(200);
      expect(challenge.text).toBe('1158201444');
      expect(challenge.headers.get('content-type')).toMatch(/^text\/plain/);
      expectRefused([await h.raw('GET', '/hooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess')]);
      // Any other GET at a POST webhook is still not found.
      expect((await h.raw('GET', '/hooks/meta')).status).toBe(404);
      const body = JSON.stringify({ object: 'page', entry: [{ id: '1', changes: [] }] });
      // Meta signs with the app secret exactly as GitHub does (X-Hub-Signature-256: sha256=<hex>).
      expect((await send('meta', body, { 'x-hub-signature-256': await githubSign('meta-app-secret-0123', body) })).status).toBe(202);
      expectRefused([await send('meta', body, { 'x-hub-signature-256': await githubSign('wrong', body) })]);
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('Microsoft Graph: validationToken is echoed as text/plain; notifications pass only with the clientState, which is redacted from $trigger', async () => {
      clock.set(T0);
      await h.api('POST', '/api/credentials', { id: 'graph_state', name: 'Graph clientState', kind: 'bearer', token: 'secretClientValue' });
      const id = await activate({ path: 'graph', auth: { kind: 'microsoft-graph', credential: 'graph_state' } });
      const validation = await h.raw('POST', '/hooks/graph?validationToken=Validation%3A%20Testing%20client%20application', { body: '', headers: { 'content-type': 'text/plain' } });
      expect(validation.status).toBe(200);
      expect(validation.text).toBe('Validation: Testing client application');
      expect(validation.headers.get('content-type')).toMatch(/^text\/plain/);
      const note = (state: string) => JSON.stringify({ value: [{ subscriptionId: 's-1', clientState: state, changeType: 'created', resource: 'Users/1/messages/2' }] });
      const ok = await send('graph', note('secretClientValue'), {});
      expect(ok.status).toBe(202);
      expect((await h.api('GET', `/api/runs/${ok.json.runId}`)).json.trigger.body.value[0].clientState).toBe('[redacted]');
      expectRefused([await send('graph', note('guessed'), {}), await send('graph', JSON.stringify({ value: [] }), {})]);
      expect(await runsOf(id)).toHaveLength(1);
    });

    it('a trigger not configured for Graph or Meta answers neither handshake', async () => {
      clock.set(T0);
      const id = await activate({ path: 'plain-hook' });
      const res = await h.raw('POST', '/hooks/plain-hook?validationToken=abc', { body: '', headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(202);
      expect(res.text).not.toBe('abc');
      expect((await h.raw('GET', '/hooks/plain-hook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x')).status).toBe(404);
      await activate({ path: 'gh-no-meta', auth: { kind: 'github', credential: 'gh_secret' } });
      expect((await h.raw('GET', '/hooks/gh-no-meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x')).status).toBe(404);
      expect(await runsOf(id)).toHaveLength(1);
    });
  });
});
