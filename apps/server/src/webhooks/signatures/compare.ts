import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two strings in time that does not depend on where they differ (nor on their lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** The HMAC of the parts, in order, as one message. */
export function hmacOf(algorithm: HmacAlgorithm, key: string | Buffer, parts: ReadonlyArray<string | Buffer>): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * A signature as sent, decoded to bytes; undefined when it is not well-formed in its encoding
 * (Node's decoders skip bad characters silently, which would let a mangled signature through
 * as a shorter one).
 */
export function decodeSignature(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  const t = text.trim();
  if (encoding === 'hex') return /^(?:[0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, 'hex') : undefined;
  return /^[A-Za-z0-9+/]+={0,2}$/.test(t) && t.length % 4 === 0 ? Buffer.from(t, 'base64') : undefined;
}

/**
 * Whether any sent signature equals any expected one. Every pair is compared, each with
 * `timingSafeEqual` on equal lengths, so the time says nothing about which (if any) matched.
 */
export function anySignatureMatches(sent: readonly Buffer[], expected: readonly Buffer[]): boolean {
  let match = false;
  for (const s of sent) {
    for (const e of expected) {
      if (s.length === e.length && timingSafeEqual(s, e)) match = true;
    }
  }
  return match;
}

/** A Unix timestamp in seconds within `toleranceSec` of now (either way); undefined otherwise. */
export function freshTimestamp(stamp: string | undefined, nowMs: number, toleranceSec: number): string | undefined {
  const t = stamp?.trim();
  if (t === undefined || !/^\d{1,12}$/.test(t)) return undefined;
  return Math.abs(nowMs / 1000 - Number(t)) <= toleranceSec ? t : undefined;
}

/** A string field of a JSON object body (an event id), or undefined when the body is not one. */
export function jsonStringField(raw: Buffer, field: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const found: unknown = (value as Record<string, unknown>)[field];
    return typeof found === 'string' && found !== '' ? found : undefined;
  } catch {
    return undefined;
  }
}
