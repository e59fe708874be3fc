import type { WebhookAnswer } from './webhook-answer.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/**
 * What webhooks keep in memory in one server process: rate-limit buckets, and the deliveries
 * holding an idempotency key right now (a concurrent duplicate waits for the first's answer).
 */
export interface WebhookState {
  bucket(id: string, perSecond: number, burst: number, now: number): TokenBucket;
  readonly inFlight: Map<string, Promise<WebhookAnswer>>;
  /** When keys older than 24 h were last pruned. */
  lastPrunedAt: number;
}

export function createWebhookState(): WebhookState {
  const buckets = new Map<string, TokenBucket>();
  return {
    bucket(id, perSecond, burst, now) {
      const existing = buckets.get(id);
      // A new version may change the limit: the bucket follows it.
      if (existing && existing.perSecond === perSecond && existing.burst === burst) return existing;
      const fresh = createTokenBucket(perSecond, burst, now);
      buckets.set(id, fresh);
      return fresh;
    },
    inFlight: new Map(),
    lastPrunedAt: 0,
  };
}
