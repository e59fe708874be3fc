import { anySignatureMatches, decodeSignature, freshTimestamp, hmacOf, jsonStringField } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<ts>:<raw body>">` keyed with the app's
 * signing secret, `X-Slack-Request-Timestamp: <unix seconds>`, refused beyond the tolerance
 * (Slack says five minutes). An Events API delivery is named by its `event_id` (the same on
 * Slack's retries); a form post (slash command, interaction) has no id, so the signature itself
 * names it: a byte-for-byte replay within the tolerance is a duplicate.
 */
export function verifySlack(d: SignedDelivery, secrets: readonly string[], nowMs: number, toleranceSec: number): Verdict {
  const t = freshTimestamp(d.headers['x-slack-request-timestamp'], nowMs, toleranceSec);
  const header = d.headers['x-slack-signature']?.trim();
  if (t === undefined || header === undefined || !header.startsWith('v0=')) return REFUSED;
  const sent = decodeSignature(header.slice('v0='.length), 'hex');
  if (sent === undefined) return REFUSED;
  if (!anySignatureMatches([sent], secrets.map((s) => hmacOf('sha256', s, [`v0:${t}:`, d.raw])))) return REFUSED;
  return accepted(jsonStringField(d.raw, 'event_id') ?? `signature:${sent.toString('hex')}`);
}
