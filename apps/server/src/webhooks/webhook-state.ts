import type { WebhookAnswer } from './webhook-answer.js';
import type { ActiveWebhook } from '../workflows/webhook-triggers.js';
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
  /**
   * The active webhooks, read from the store once and kept until a workflow changes through
   * this server (every change of what answers a webhook goes through the workflow routes).
   */
  activeIndex(load: () => Promise<ActiveWebhook[]>): Promise<ActiveWebhook[]>;
  invalidateActive(): void;
}

export function createWebhookState(): WebhookState {
  const buckets = new Map<string, TokenBucket>();
  let active: Promise<ActiveWebhook[]> | undefined;
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
    activeIndex(load) {
      if (active) return active;
      const loading = load();
      active = loading;
      // A failed read is not kept: the next delivery reads again.
      loading.catch(() => {
        if (active === loading) active = undefined;
      });
      return loading;
    },
    invalidateActive() {
      // A read started before the change is dropped here, so it never becomes the cached index.
      active = undefined;
    },
  };
}
