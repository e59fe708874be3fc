import type { WebhookAuth } from '@switchyard/nodes';
import { anySignatureMatches, decodeSignature, freshTimestamp, hmacOf } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

export type GenericHmacAuth = Extract<WebhookAuth, { kind: 'hmac' }>;

/** The signed string's parts in order: the body as its raw bytes, the rest as text. */
function signedParts(template: string, raw: Buffer, timestamp: string, id: string): Array<string | Buffer> {
  return template
    .split(/(\{body\}|\{timestamp\}|\{id\})/)
    .filter((p) => p !== '')
    .map((p) => (p === '{body}' ? raw : p === '{timestamp}' ? timestamp : p === '{id}' ? id : p));
}

/**
 * A sender's scheme described in params: HMAC with `algorithm` over `signedString` (the raw
 * body by default), sent in `header` as `prefix` + hex or base64. A `timestampHeader` must be
 * fresh within the tolerance; an `idHeader` names the delivery.
 */
export function verifyGenericHmac(d: SignedDelivery, secrets: readonly string[], nowMs: number, auth: GenericHmacAuth): Verdict {
  let header = d.headers[auth.header.toLowerCase()]?.trim();
  const prefix = auth.prefix ?? '';
  if (header === undefined || !header.startsWith(prefix)) return REFUSED;
  header = header.slice(prefix.length);
  const sent = decodeSignature(header, auth.encoding);
  if (sent === undefined) return REFUSED;
  let timestamp = '';
  if (auth.timestampHeader !== undefined) {
    const fresh = freshTimestamp(d.headers[auth.timestampHeader.toLowerCase()], nowMs, auth.toleranceSec ?? 300);
    if (fresh === undefined) return REFUSED;
    timestamp = fresh;
  }
  const id = auth.idHeader === undefined ? undefined : d.headers[auth.idHeader.toLowerCase()]?.trim();
  const template = auth.signedString ?? '{body}';
  if (template.includes('{id}') && (id === undefined || id === '')) return REFUSED;
  const parts = signedParts(template, d.raw, timestamp, id ?? '');
  return anySignatureMatches([sent], secrets.map((s) => hmacOf(auth.algorithm, s, parts))) ? accepted(id) : REFUSED;
}
