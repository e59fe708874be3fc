import { createHash } from 'node:crypto';
import { anySignatureMatches, decodeSignature, hmacOf } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/** `scheme://authority` and the rest of a URL, split without normalising (Twilio signs the characters it sent). */
function splitUrl(url: string): { scheme: string; host: string; port: string; rest: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const [prefix, scheme = '', authority = ''] = match;
  const portAt = authority.indexOf(':', authority.lastIndexOf(']') + 1);
  return {
    scheme,
    host: portAt < 0 ? authority : authority.slice(0, portAt),
    port: portAt < 0 ? '' : authority.slice(portAt),
    rest: url.slice(prefix.length),
  };
}

/**
 * The URL with and without its port: Twilio signs the URL as configured, and which of the two
 * a proxy in between leaves (`https://host` or `https://host:443`) cannot be known here.
 */
function urlCandidates(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [url];
  const bare = parts.scheme + parts.host + parts.rest;
  const withPort = parts.port !== '' ? url : parts.scheme + parts.host + (parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80') + parts.rest;
  return [...new Set([url, bare, withPort])];
}

/** Form fields as Twilio signs them: names sorted, each name followed by its value (repeated values deduplicated and sorted). */
function signedFields(raw: Buffer): string {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) fields.set(name, [...(fields.get(name) ?? []), value]);
  let out = '';
  for (const name of [...fields.keys()].sort()) {
    for (const value of [...new Set(fields.get(name))].sort()) out += name + value;
  }
  return out;
}

/** `X-Twilio-Webhooks-Signature-Settings` may name HMAC_SHA256 (SharedKey webhooks); HMAC_SHA1 otherwise. */
function algorithmOf(settings: string | undefined): 'sha1' | 'sha256' | undefined {
  let named = '';
  for (const part of (settings ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at >= 0 && part.slice(0, at).trim() === 'algorithm') named = part.slice(at + 1).trim().toUpperCase();
  }
  if (named === '' || named === 'HMAC_SHA1') return 'sha1';
  return named === 'HMAC_SHA256' ? 'sha256' : undefined;
}

/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1>` keyed with the auth token, over the full URL
 * Twilio requested followed by the POSTed form fields sorted by name (name then value, no
 * separators). A JSON body is not signed itself: the URL carries `bodySHA256` (hex SHA-256 of
 * the body), which must match. No timestamp; `I-Twilio-Idempotency-Token` names the delivery.
 * `url` is the signed URL without its query when the server sits behind a proxy that changes it.
 */
export function verifyTwilio(d: SignedDelivery, secrets: readonly string[], configuredUrl: string | undefined): Verdict {
  const header = d.headers['x-twilio-signature'];
  const sent = header === undefined ? undefined : decodeSignature(header, 'base64');
  const algorithm = algorithmOf(d.headers['x-twilio-webhooks-signature-settings']);
  if (sent === undefined || algorithm === undefined) return REFUSED;
  const received = new URL(d.url);
  const queryAt = d.url.indexOf('?');
  const query = queryAt < 0 ? '' : d.url.slice(queryAt);
  const url = configuredUrl === undefined ? d.url : configuredUrl + query;
  const bodyHash = received.searchParams.get('bodySHA256');
  let fields = '';
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(d.raw).digest();
    const claimed = decodeSignature(bodyHash, 'hex');
    if (claimed === undefined || !anySignatureMatches([claimed], [actual])) return REFUSED;
  } else if ((d.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded') {
    fields = signedFields(d.raw);
  } else if (d.raw.length > 0) {
    // A body that is neither signed form fields nor covered by bodySHA256 would pass unchecked.
    return REFUSED;
  }
  const expected = secrets.flatMap((s) => urlCandidates(url).map((u) => hmacOf(algorithm, s, [u, fields])));
  return anySignatureMatches([sent], expected) ? accepted(d.headers['i-twilio-idempotency-token']) : REFUSED;
}
