/** A token bucket: `burst` tokens, refilled at `perSecond`. Time comes from the caller. */
export interface TokenBucket {
  readonly perSecond: number;
  readonly burst: number;
  /** Takes a token: ok, or how many whole seconds until one is available (at least 1). */
  take(now: number): { ok: true } | { ok: false; retryAfterS: number };
}

export function createTokenBucket(perSecond: number, burst: number, now: number): TokenBucket {
  let tokens = burst;
  let last = now;
  return {
    perSecond,
    burst,
    take(at) {
      tokens = Math.min(burst, tokens + (Math.max(0, at - last) / 1000) * perSecond);
      last = Math.max(last, at);
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    },
  };
}
