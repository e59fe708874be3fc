import { anySignatureMatches, decodeSignature, hmacOf } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`: GitHub's scheme, which Meta
 * uses too. It has no timestamp, so replays are caught by the delivery id alone.
 */
export function hubSignature256(d: SignedDelivery, secrets: readonly string[]): boolean {
  const header = d.headers['x-hub-signature-256']?.trim();
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const sent = decodeSignature(header.slice('sha256='.length), 'hex');
  if (sent === undefined) return false;
  return anySignatureMatches([sent], secrets.map((s) => hmacOf('sha256', s, [d.raw])));
}

/** GitHub: the signature above; `X-GitHub-Delivery` (a GUID, the same on a redelivery) names the delivery. */
export function verifyGithub(d: SignedDelivery, secrets: readonly string[]): Verdict {
  return hubSignature256(d, secrets) ? accepted(d.headers['x-github-delivery']) : REFUSED;
}
