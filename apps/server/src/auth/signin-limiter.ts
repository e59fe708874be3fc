/** Failed sign-ins allowed per client address within the window before 429. */
export const SIGNIN_MAX_FAILURES = 10;
export const SIGNIN_WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

export interface SigninLimiter {
  /** Whether `address` may try now; only failures spend its budget. */
  check(address: string, now: number): { ok: true } | { ok: false; retryAfterS: number };
  recordFailure(address: string, now: number): void;
}

/** Brute-force guard for POST /api/session (RELIABILITY A6): a sliding window per client address, in memory. */
export function createSigninLimiter(): SigninLimiter {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number): number[] => {
    const list = (failures.get(address) ?? []).filter((t) => t > now - SIGNIN_WINDOW_MS);
    if (list.length === 0) failures.delete(address);
    else failures.set(address, list);
    return list;
  };
  return {
    check(address, now) {
      const list = recent(address, now);
      if (list.length < SIGNIN_MAX_FAILURES) return { ok: true };
      const oldest = list[0] ?? now;
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((oldest + SIGNIN_WINDOW_MS - now) / 1000)) };
    },
    recordFailure(address, now) {
      // Bounded memory: forget the oldest address when too many are tracked.
      if (!failures.has(address) && failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value as string);
      failures.set(address, [...recent(address, now), now].slice(-SIGNIN_MAX_FAILURES));
    },
  };
}
