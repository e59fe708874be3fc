import { backoffDelay, RETRY_DEFAULTS, RETRYABLE_BY_DEFAULT } from '@switchyard/schema';
import type { Backoff, ErrorCategory, Failure, Jitter, RetryPolicy } from '@switchyard/schema';
import type { Random } from './ports.js';

export interface ResolvedRetryPolicy {
  maxAttempts: number;
  backoff: Backoff;
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
  jitter: Jitter;
  on: ReadonlySet<ErrorCategory>;
  maxRetryAfterMs: number;
}

/** A node without a retry edge is attempted once. */
export const NO_RETRY: ResolvedRetryPolicy = resolveRetryPolicy({ maxAttempts: 1 });

/** Compensation nodes without a retry edge (semantics.md): 5 attempts, exponential from 1 s, x2, up to 60 s, full jitter. */
export const DEFAULT_COMPENSATION_RETRY: ResolvedRetryPolicy = resolveRetryPolicy({
  maxAttempts: 5,
  backoff: 'exponential',
  initialDelayMs: 1000,
  multiplier: 2,
  maxDelayMs: 60_000,
  jitter: 'full',
});

export function resolveRetryPolicy(policy: RetryPolicy): ResolvedRetryPolicy {
  return {
    maxAttempts: policy.maxAttempts,
    backoff: policy.backoff ?? RETRY_DEFAULTS.backoff,
    initialDelayMs: policy.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs,
    multiplier: policy.multiplier ?? RETRY_DEFAULTS.multiplier,
    maxDelayMs: policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
    jitter: policy.jitter ?? RETRY_DEFAULTS.jitter,
    on: new Set(policy.on ?? RETRYABLE_BY_DEFAULT),
    maxRetryAfterMs: policy.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs,
  };
}

/** The computed delay before retry `n` (n = 1 for the first retry), before jitter: the schema's formula, which the editor previews. */
export function baseDelay(policy: ResolvedRetryPolicy, n: number): number {
  return backoffDelay(policy, n);
}

/** Jitter on whole milliseconds: full is uniform in [0, d], equal is d/2 + uniform in [0, d/2]. */
export function applyJitter(delay: number, jitter: Jitter, random: Random): number {
  const d = Math.round(delay);
  switch (jitter) {
    case 'none':
      return d;
    case 'full':
      return Math.min(d, Math.floor(random.next() * (d + 1)));
    case 'equal': {
      const half = Math.floor(d / 2);
      return Math.min(d, half + Math.floor(random.next() * (d - half + 1)));
    }
  }
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'category' | 'attempts' | 'retry_after_too_long' | 'retry_budget' };

/**
 * Whether attempt number `tries` (attempts made so far in this sequence) is followed by another,
 * and after how long: `max(jittered d, Retry-After)` (workflow-format.md).
 */
export function decideRetry(policy: ResolvedRetryPolicy, tries: number, f: Failure, random: Random): RetryDecision {
  if (!policy.on.has(f.category)) return { retry: false, reason: 'category' };
  if (tries >= policy.maxAttempts) return { retry: false, reason: 'attempts' };
  if (f.retryAfterMs !== undefined && f.retryAfterMs > policy.maxRetryAfterMs) {
    return { retry: false, reason: 'retry_after_too_long' };
  }
  const jittered = applyJitter(baseDelay(policy, tries), policy.jitter, random);
  return { retry: true, delayMs: Math.max(jittered, f.retryAfterMs ?? 0) };
}

/** The label the canvas shows on a retry loop, e.g. `x4 exp 0.5s..30s`. */
export function describeRetryPolicy(policy: ResolvedRetryPolicy): string {
  const s = (ms: number): string => `${ms / 1000}s`;
  if (policy.backoff === 'fixed') return `x${policy.maxAttempts} fixed ${s(policy.initialDelayMs)}`;
  return `x${policy.maxAttempts} exp ${s(policy.initialDelayMs)}..${s(policy.maxDelayMs)}`;
}
