import { describe, expect, it } from 'vitest';
import { formatDuration, retryDelays, retryLabel, retryPreview } from './retry';

describe('retry arithmetic', () => {
  it('computes exponential delays with the cap', () => {
    expect(retryDelays({ maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 1000 })).toEqual([200, 400, 800, 1000]);
    expect(retryDelays({ maxAttempts: 3, backoff: 'fixed', initialDelayMs: 100 })).toEqual([100, 100]);
    expect(retryDelays({ maxAttempts: 1 })).toEqual([]);
  });

  it('labels a retry like the card badge', () => {
    expect(retryLabel({ maxAttempts: 3, backoff: 'exponential', initialDelayMs: 200, multiplier: 2, maxDelayMs: 2000 })).toBe('x3 exp 0.2s..2s');
    expect(retryLabel({ maxAttempts: 3, backoff: 'fixed', initialDelayMs: 200 })).toBe('x3 fixed 0.2s');
    expect(retryLabel({ maxAttempts: 4, initialDelayMs: 500, maxDelayMs: 30_000 })).toBe('x4 exp 0.5s..30s');
    expect(formatDuration(86_400_000)).toBe('24h');
  });

  it('previews the delays', () => {
    expect(retryPreview({ maxAttempts: 3, initialDelayMs: 200, jitter: 'none' }, true)).toBe('3 attempts: waits 0.2s, 0.4s, then fallback');
    expect(retryPreview({ maxAttempts: 1 }, false)).toBe('one attempt, then fail');
  });
});
