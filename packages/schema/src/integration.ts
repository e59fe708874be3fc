import { z } from 'zod';

/**
 * An integration's protections (semantics.md "Isolation of integrations"): the settings users
 * send with an integration. Every field is optional; what is left out takes the defaults below.
 * The breaker and the retry budget are on unless switched off; a bulkhead and a rate limit
 * exist only when set.
 */

const ms = (max: number) => z.number().int().min(1).max(max);

export const BreakerSettings = z.strictObject({
  /** @default true */
  enabled: z.boolean().optional(),
  /** The sliding window the failure rate is computed over. */
  windowMs: ms(3_600_000).optional(),
  /** Calls the window must hold before the failure rate can open the breaker. */
  minimumCalls: z.number().int().min(1).max(100_000).optional(),
  /** Availability failures among the window's calls that open the breaker (0.5: half of them). */
  failureRate: z.number().gt(0).max(1).optional(),
  /** Availability failures in a row that open the breaker, whatever the window holds. */
  consecutiveFailures: z.number().int().min(1).max(100_000).optional(),
  /** How long the breaker stays open before it lets probe calls through (half-open). */
  coolDownMs: ms(86_400_000).optional(),
  /** Probe calls let through at once while half-open; one success closes the breaker. */
  halfOpenProbes: z.number().int().min(1).max(100).optional(),
});
export type BreakerSettings = z.infer<typeof BreakerSettings>;

export const BREAKER_DEFAULTS = {
  enabled: true,
  windowMs: 60_000,
  minimumCalls: 20,
  failureRate: 0.5,
  consecutiveFailures: 10,
  coolDownMs: 30_000,
  halfOpenProbes: 1,
} as const satisfies Required<BreakerSettings>;

export const BulkheadSettings = z.strictObject({
  /** Calls in flight to the integration at most. */
  maxConcurrent: z.number().int().min(1).max(10_000),
  /** Calls waiting for a slot at most; one more fails at once with `rate_limited`. */
  maxQueue: z.number().int().min(0).max(100_000).optional(),
});
export type BulkheadSettings = z.infer<typeof BulkheadSettings>;

export const BULKHEAD_DEFAULTS = { maxQueue: 100 } as const;

export const RateLimitSettings = z.strictObject({
  /** Requests a second, on average. */
  perSecond: z.number().gt(0).max(100_000),
  /** Requests that may go at once after a quiet spell. @default ceil(perSecond) */
  burst: z.number().int().min(1).max(100_000).optional(),
});
export type RateLimitSettings = z.infer<typeof RateLimitSettings>;

export const RetryBudgetSettings = z.strictObject({
  /** @default true */
  enabled: z.boolean().optional(),
  /** Retries may add at most this fraction of the window's first attempts. */
  ratio: z.number().min(0).max(10).optional(),
  /** Retries a minute that are always allowed, so quiet integrations still retry. */
  minPerMinute: z.number().int().min(0).max(100_000).optional(),
  windowMs: ms(3_600_000).optional(),
});
export type RetryBudgetSettings = z.infer<typeof RetryBudgetSettings>;

export const RETRY_BUDGET_DEFAULTS = {
  enabled: true,
  ratio: 0.2,
  minPerMinute: 10,
  windowMs: 60_000,
} as const satisfies Required<RetryBudgetSettings>;

export const IntegrationProtections = z.strictObject({
  breaker: BreakerSettings.optional(),
  bulkhead: BulkheadSettings.optional(),
  rateLimit: RateLimitSettings.optional(),
  retryBudget: RetryBudgetSettings.optional(),
});
export type IntegrationProtections = z.infer<typeof IntegrationProtections>;

export const BreakerState = z.enum(['closed', 'open', 'half_open']);
export type BreakerState = z.infer<typeof BreakerState>;
