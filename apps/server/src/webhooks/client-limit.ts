import type { Context } from 'hono';
import { incomingOf } from '../http/read-body.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/** Clients tracked at most: beyond it the least recently seen are forgotten (memory stays bounded). */
export const MAX_TRACKED_CLIENTS = 10_000;

export interface ClientLimit {
  perSecond: number;
  burst: number;
}

/**
 * Deliveries per client address, across every webhook (RELIABILITY W1): one sender cannot take
 * the server's intake, whatever path it aims at, and unknown paths count too (no free probing).
 */
export interface ClientLimiter {
  take(client: string, now: number): { ok: true } | { ok: false; retryAfterS: number };
}

export function createClientLimiter(limit: ClientLimit): ClientLimiter {
  // A Map keeps insertion order: re-inserting on use makes the first entry the least recently seen.
  const buckets = new Map<string, TokenBucket>();
  return {
    take(client, now) {
      let bucket = buckets.get(client);
      if (bucket) buckets.delete(client);
      else bucket = createTokenBucket(limit.perSecond, limit.burst, now);
      buckets.set(client, bucket);
      if (buckets.size > MAX_TRACKED_CLIENTS) buckets.delete(buckets.keys().next().value as string);
      return bucket.take(now);
    },
  };
}

/**
 * The address a delivery comes from: the socket's peer, or, behind a trusted proxy, the right-most
 * `X-Forwarded-For` entry: the one the proxy appended. Entries to its left are whatever the sender
 * wrote, so they never choose the bucket (a sender cannot get a fresh one per request).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return incomingOf(c)?.socket.remoteAddress ?? 'unknown';
}

/** `SWITCHYARD_WEBHOOK_CLIENT_LIMIT`: `perSecond` or `perSecond:burst`; undefined when unset. */
export function parseClientLimit(text: string | undefined): ClientLimit | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  const perSecond = Number(m?.[1]);
  const burst = m?.[2] === undefined ? Math.max(1, Math.ceil(perSecond)) : Number(m[2]);
  if (!m || !(perSecond > 0) || !(burst >= 1)) throw new Error(`SWITCHYARD_WEBHOOK_CLIENT_LIMIT is '${text}': expected deliveries a second, optionally with a burst, like 20 or 20:50`);
  return { perSecond, burst };
}
