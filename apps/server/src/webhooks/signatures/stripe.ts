import { anySignatureMatches, decodeSignature, freshTimestamp, hmacOf, jsonStringField } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]`, each v1 the
 * HMAC-SHA256 of `<t>.<raw body>` keyed with the endpoint's `whsec_…` secret as it is. While a
 * secret is rolled Stripe sends one v1 per active secret, so any v1 matching any secret passes;
 * v0 (test-mode legacy) is ignored. The event's `id` names it: Stripe's retries of one event
 * carry new timestamps and signatures but the same id.
 */
export function verifyStripe(d: SignedDelivery, secrets: readonly string[], nowMs: number, toleranceSec: number): Verdict {
  const header = d.headers['stripe-signature'];
  if (header === undefined) return REFUSED;
  let stamp: string | undefined;
  const sent: Buffer[] = [];
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at < 0) continue;
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (key === 't' && stamp === undefined) stamp = value;
    if (key === 'v1') {
      const bytes = decodeSignature(value, 'hex');
      if (bytes !== undefined) sent.push(bytes);
    }
  }
  const t = freshTimestamp(stamp, nowMs, toleranceSec);
  if (t === undefined || sent.length === 0) return REFUSED;
  const expected = secrets.map((s) => hmacOf('sha256', s, [`${t}.`, d.raw]));
  return anySignatureMatches(sent, expected) ? accepted(jsonStringField(d.raw, 'id')) : REFUSED;
}
