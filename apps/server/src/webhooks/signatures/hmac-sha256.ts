import { anySignatureMatches, decodeSignature, freshTimestamp, hmacOf } from './compare.js';
import { REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * Switchyard's own scheme (http-api.md): the hex HMAC-SHA256 of `<timestamp>.<raw body>` in
 * `header` (a `sha256=` prefix accepted), a Unix timestamp in `timestampHeader`. It names no
 * delivery, so it has no replay check beyond the tolerance.
 */
export function verifyHmacSha256(d: SignedDelivery, secrets: readonly string[], nowMs: number, auth: { header: string; timestampHeader: string; toleranceSec?: number | undefined }): Verdict {
  const t = freshTimestamp(d.headers[auth.timestampHeader.toLowerCase()], nowMs, auth.toleranceSec ?? 300);
  const header = d.headers[auth.header.toLowerCase()];
  if (t === undefined || header === undefined) return REFUSED;
  const sent = decodeSignature(header.trim().replace(/^sha256=/i, ''), 'hex');
  if (sent === undefined) return REFUSED;
  return anySignatureMatches([sent], secrets.map((s) => hmacOf('sha256', s, [`${t}.`, d.raw]))) ? { ok: true } : REFUSED;
}
