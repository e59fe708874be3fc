import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { anySignatureMatches, decodeSignature } from '../src/webhooks/signatures/compare.js';
import { verifyGithub } from '../src/webhooks/signatures/github.js';
import { verifyStandardWebhooks } from '../src/webhooks/signatures/standard-webhooks.js';
import { verifyStripe } from '../src/webhooks/signatures/stripe.js';
import { verifyTwilio } from '../src/webhooks/signatures/twilio.js';

/** The scheme modules as pure functions `(delivery, secrets, now) → verdict`, on what senders send at the edges. */

const NOW = Date.parse('2026-03-02T10:00:00Z');
const NOW_SEC = Math.floor(NOW / 1000);
const delivery = (headers: Record<string, string>, body: string, url = 'https://hooks.example.com/hooks/a') => ({ headers, raw: Buffer.from(body, 'utf8'), url });

describe('decoding and comparing signatures', () => {
  it('refuses text that is not well-formed hex or base64 instead of decoding part of it', () => {
    expect(decodeSignature('abcd', 'hex')?.toString('hex')).toBe('abcd');
    expect(decodeSignature('ABCD', 'hex')?.toString('hex')).toBe('abcd');
    for (const bad of ['abc', 'zz', 'ab cd', '']) expect(decodeSignature(bad, 'hex')).toBeUndefined();
    expect(decodeSignature('AQID', 'base64')?.toString('hex')).toBe('010203');
    for (const bad of ['AQI', 'AQ!D', '====']) expect(decodeSignature(bad, 'base64')).toBeUndefined();
  });

  it('matches any sent signature against any expected one, and nothing of another length', () => {
    const a = Buffer.from('aaaa');
    const b = Buffer.from('bbbb');
    expect(anySignatureMatches([a, b], [b])).toBe(true);
    expect(anySignatureMatches([a], [b, a])).toBe(true);
    expect(anySignatureMatches([Buffer.from('aaa')], [a])).toBe(false);
    expect(anySignatureMatches([], [a])).toBe(false);
  });
});

describe('scheme edges', () => {
  it('github: the secret of a rotation is tried after the current one; the delivery id is passed on', async () => {
    const body = '{"ok":true}';
    const d = delivery({ 'x-hub-signature-256': await githubSign('old', body), 'x-github-delivery': 'g-1' }, body);
    expect(verifyGithub(d, ['new'])).toEqual({ ok: false });
    expect(verifyGithub(d, ['new', 'old'])).toEqual({ ok: true, deliveryId: 'g-1' });
  });

  it('stripe: a v0 signature alone is not enough; spaces, unknown keys and several v1 are read as Stripe writes them', () => {
    const stripe = new Stripe('sk_test_signing_only');
    const body = '{"id":"evt_9"}';
    const v0Only = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_x', timestamp: NOW_SEC, scheme: 'v0' });
    expect(verifyStripe(delivery({ 'stripe-signature': v0Only }, body), ['whsec_x'], NOW, 300)).toEqual({ ok: false });
    const v1 = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_x', timestamp: NOW_SEC });
    const padded = `${v1.replace(',', ', ')}, v1=${'0'.repeat(64)}, x=unknown`;
    expect(verifyStripe(delivery({ 'stripe-signature': padded }, body), ['whsec_x'], NOW, 300)).toEqual({ ok: true, deliveryId: 'evt_9' });
    // A body that is not an event names no delivery: it runs, without a replay check.
    const raw = 'not json';
    const header = stripe.webhooks.generateTestHeaderString({ payload: raw, secret: 'whsec_x', timestamp: NOW_SEC });
    expect(verifyStripe(delivery({ 'stripe-signature': header }, raw), ['whsec_x'], NOW, 300)).toEqual({ ok: true });
  });

  it('standard webhooks: versions other than v1 in the list are skipped', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"a":1}';
    const signature = new Webhook(secret).sign('msg_x', new Date(NOW), body);
    const d = delivery({ 'webhook-id': 'msg_x', 'webhook-timestamp': String(NOW_SEC), 'webhook-signature': `v1a,${'A'.repeat(88)} ${signature}` }, body);
    expect(verifyStandardWebhooks(d, [secret], NOW, 300)).toEqual({ ok: true, deliveryId: 'msg_x' });
    expect(verifyStandardWebhooks({ ...d, headers: { ...d.headers, 'webhook-signature': `v2,${signature.slice(3)}` } }, [secret], NOW, 300)).toEqual({ ok: false });
  });

  it('twilio: a URL signed without its default port passes when it arrives with it, and the reverse; repeated form values are signed sorted', () => {
    const params = { To: '+15005550006', From: '+15005550001', Body: 'hi' };
    const form = new URLSearchParams(params).toString();
    const signedBare = twilio.getExpectedTwilioSignature('tok', 'https://sms.example.com/hooks/a', params);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signedBare };
    expect(verifyTwilio(delivery(headers, form, 'https://sms.example.com:443/hooks/a'), ['tok'], undefined)).toEqual({ ok: true });
    const signedPort = twilio.getExpectedTwilioSignature('tok', 'https://sms.example.com:443/hooks/a', params);
    expect(verifyTwilio(delivery({ ...headers, 'x-twilio-signature': signedPort }, form, 'https://sms.example.com/hooks/a'), ['tok'], undefined)).toEqual({ ok: true });
    const multi = { MediaUrl: ['https://b.example/2', 'https://a.example/1'], Body: 'two' };
    const multiForm = 'Body=two&MediaUrl=https%3A%2F%2Fb.example%2F2&MediaUrl=https%3A%2F%2Fa.example%2F1';
    const signedMulti = twilio.getExpectedTwilioSignature('tok', 'https://sms.example.com/hooks/a', multi);
    expect(verifyTwilio(delivery({ ...headers, 'x-twilio-signature': signedMulti }, multiForm, 'https://sms.example.com/hooks/a'), ['tok'], undefined)).toEqual({ ok: true });
    // A body that is neither form fields nor covered by bodySHA256 is not signed: refused.
    const signedNoParams = twilio.getExpectedTwilioSignature('tok', 'https://sms.example.com/hooks/a', {});
    expect(verifyTwilio(delivery({ 'content-type': 'application/json', 'x-twilio-signature': signedNoParams }, '{"unsigned":true}', 'https://sms.example.com/hooks/a'), ['tok'], undefined)).toEqual({ ok: false });
  });
});
