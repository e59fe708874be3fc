import { anySignatureMatches, decodeSignature, freshTimestamp, hmacOf } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/** A Standard Webhooks secret is base64, usually with a `whsec_` prefix; the key is its bytes. */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * Standard Webhooks (and Svix, which it came from): `webhook-id`, `webhook-timestamp` (unix
 * seconds) and `webhook-signature: v1,<base64> [v1,<base64>…]` (space-separated, one per active
 * key during a rotation; other versions are skipped), each the HMAC-SHA256 of
 * `<id>.<timestamp>.<raw body>`. The spec's tolerance is five minutes; `webhook-id` names the
 * message and is the same on every retry.
 */
export function verifyStandardWebhooks(d: SignedDelivery, secrets: readonly string[], nowMs: number, toleranceSec: number): Verdict {
  const id = d.headers['webhook-id']?.trim();
  const t = freshTimestamp(d.headers['webhook-timestamp'], nowMs, toleranceSec);
  const header = d.headers['webhook-signature'];
  if (id === undefined || id === '' || t === undefined || header === undefined) return REFUSED;
  const sent: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || signature === undefined) continue;
    const bytes = decodeSignature(signature, 'base64');
    if (bytes !== undefined) sent.push(bytes);
  }
  if (sent.length === 0) return REFUSED;
  const expected = secrets.map((s) => hmacOf('sha256', standardWebhooksKey(s), [`${id}.${t}.`, d.raw]));
  return anySignatureMatches(sent, expected) ? accepted(id) : REFUSED;
}
