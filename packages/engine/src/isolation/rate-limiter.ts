/**
 * A client-side token bucket (semantics.md "Rate limit"): `burst` tokens refilled at `perSecond`.
 * A call reserves its token and waits for it, so calls keep their order and the rate holds; a
 * call that would wait longer than it may is refused with the time a token will be there.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private perSecond: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  configure(perSecond: number, burst: number): void {
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, burst);
    this.burst = burst;
  }

  /** Ok with how long to wait for the reserved token, or how long until one could be reserved. */
  reserve(now: number, maxWaitMs: number): { ok: true; waitMs: number } | { ok: false; retryAfterMs: number } {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, now);
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
    if (waitMs > maxWaitMs) return { ok: false, retryAfterMs: waitMs };
    this.tokens -= 1;
    return { ok: true, waitMs };
  }
}
