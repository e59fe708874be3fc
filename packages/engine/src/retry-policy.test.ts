import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failure } from '@switchyard/schema';
import { baseDelay, decideRetry, describeRetryPolicy, resolveRetryPolicy, DEFAULT_COMPENSATION_RETRY } from './retry-policy.js';
import type { Random } from './ports.js';

const fixed = (value: number): Random => ({ next: () => value });

describe('retry delays (workflow-format.md)', () => {
  const exp = resolveRetryPolicy({ maxAttempts: 5, initialDelayMs: 500, multiplier: 2, maxDelayMs: 3000, jitter: 'none' });

  it('grows exponentially from initialDelayMs and is capped by maxDelayMs', () => {
    expect([1, 2, 3, 4, 5].map((n) => baseDelay(exp, n))).toEqual([500, 1000, 2000, 3000, 3000]);
  });

  it('uses initialDelayMs for every retry when fixed', () => {
    const p = resolveRetryPolicy({ maxAttempts: 3, backoff: 'fixed', initialDelayMs: 200 });
    expect([1, 2, 3].map((n) => baseDelay(p, n))).toEqual([200, 200, 200]);
  });

  it('applies the defaults of the format', () => {
    const p = resolveRetryPolicy({ maxAttempts: 3 });
    expect(p).toMatchObject({ backoff: 'exponential', initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60000, jitter: 'full', maxRetryAfterMs: 300000 });
    expect([...p.on].sort()).toEqual(['network', 'rate_limited', 'server', 'timeout']);
  });

  it('full jitter spans [0, d] and equal jitter [d/2, d]', () => {
    const full = resolveRetryPolicy({ maxAttempts: 3, initialDelayMs: 1000, jitter: 'full' });
    const equal = resolveRetryPolicy({ maxAttempts: 3, initialDelayMs: 1000, jitter: 'equal' });
    const f = failure('server', 'HTTP 503');
    expect(decideRetry(full, 1, f, fixed(0))).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(full, 1, f, fixed(0.9999999))).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(equal, 1, f, fixed(0))).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(equal, 1, f, fixed(0.9999999))).toEqual({ retry: true, delayMs: 1000 });
  });
});

describe('decideRetry (semantics.md, step 1)', () => {
  const p = resolveRetryPolicy({ maxAttempts: 3, initialDelayMs: 100, jitter: 'none' });
  const rows: Array<[string, Parameters<typeof decideRetry>[1], Parameters<typeof decideRetry>[2], ReturnType<typeof decideRetry>]> = [
    ['retries a retryable category while attempts remain', 1, failure('timeout', 't'), { retry: true, delayMs: 100 }],
    ['the second retry doubles', 2, failure('network', 'n'), { retry: true, delayMs: 200 }],
    ['maxAttempts counts the first attempt', 3, failure('server', 's'), { retry: false, reason: 'attempts' }],
    ['auth is not retried by default', 1, failure('auth', 'a', { httpStatus: 401 }), { retry: false, reason: 'category' }],
    ['invalid_request is not retried', 1, failure('invalid_request', 'i'), { retry: false, reason: 'category' }],
    ['invalid_response is not retried', 1, failure('invalid_response', 'i'), { retry: false, reason: 'category' }],
    ['Retry-After raises the wait', 1, failure('rate_limited', 'r', { retryAfterMs: 5000 }), { retry: true, delayMs: 5000 }],
    ['a Retry-After beyond maxRetryAfterMs ends the retries', 1, failure('rate_limited', 'r', { retryAfterMs: 300_001 }), { retry: false, reason: 'retry_after_too_long' }],
  ];
  for (const [name, tries, f, expected] of rows) {
    it(name, () => expect(decideRetry(p, tries, f, fixed(0.5))).toEqual(expected));
  }

  it('retries only the categories in `on`', () => {
    const onlyTimeouts = resolveRetryPolicy({ maxAttempts: 3, on: ['timeout'] });
    expect(decideRetry(onlyTimeouts, 1, failure('server', 's'), fixed(0)).retry).toBe(false);
    expect(decideRetry(onlyTimeouts, 1, failure('timeout', 't'), fixed(0)).retry).toBe(true);
  });

  it('gives compensation nodes 5 attempts, exponential from 1 s up to 60 s', () => {
    expect(DEFAULT_COMPENSATION_RETRY.maxAttempts).toBe(5);
    expect([1, 2, 3, 4].map((n) => baseDelay(DEFAULT_COMPENSATION_RETRY, n))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('labels a policy as the canvas shows it', () => {
    expect(describeRetryPolicy(resolveRetryPolicy({ maxAttempts: 4, initialDelayMs: 500, maxDelayMs: 30000 }))).toBe('x4 exp 0.5s..30s');
  });
});

describe('property: backoff delays stay within their bounds', () => {
  it('0 <= delay <= max(cap, Retry-After), and >= Retry-After', () => {
    fc.assert(
      fc.property(
        fc.record({
          maxAttempts: fc.integer({ min: 2, max: 100 }),
          backoff: fc.constantFrom('fixed' as const, 'exponential' as const),
          initialDelayMs: fc.integer({ min: 0, max: 100_000 }),
          multiplier: fc.double({ min: 1, max: 10, noNaN: true }),
          maxDelayMs: fc.integer({ min: 0, max: 1_000_000 }),
          jitter: fc.constantFrom('full' as const, 'equal' as const, 'none' as const),
        }),
        fc.integer({ min: 1, max: 99 }),
        fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (policy, tries, retryAfterMs, r) => {
          const p = resolveRetryPolicy(policy);
          const f = failure('rate_limited', 'x', retryAfterMs === undefined ? {} : { retryAfterMs });
          const d = decideRetry(p, tries, f, fixed(r));
          if (tries >= p.maxAttempts) return !d.retry;
          if (!d.retry) return false;
          const cap = Math.round(Math.min(p.maxDelayMs, p.backoff === 'fixed' ? p.initialDelayMs : p.initialDelayMs * p.multiplier ** (tries - 1)));
          const lower = p.jitter === 'equal' ? Math.floor(cap / 2) : p.jitter === 'none' ? cap : 0;
          return d.delayMs >= Math.max(lower, retryAfterMs ?? 0) && d.delayMs <= Math.max(cap, retryAfterMs ?? 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
