import { randomInt } from 'node:crypto';
import type { Clock, Random, TimerHandle } from '../ports.js';

/**
 * The real clock and randomness, for composition roots (the server, the worker, benchmarks).
 * Everything else receives them injected; tests pass a fake clock and a seeded random.
 */
export function systemClock(): Clock {
  let nextId = 0;
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  return {
    now: () => Date.now(),
    setTimer(at: number, fn: () => void): TimerHandle {
      const id = ++nextId;
      // setTimeout caps at ~24.8 days; longer waits re-arm when they wake (the store keeps the due time).
      const delay = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
      handles.set(
        id,
        setTimeout(() => {
          handles.delete(id);
          fn();
        }, delay),
      );
      return { id };
    },
    clearTimer(handle: TimerHandle): void {
      const t = handles.get(handle.id);
      if (t !== undefined) clearTimeout(t);
      handles.delete(handle.id);
    },
    deadline: (ms) => AbortSignal.timeout(ms),
    afterIo: (fn) => void setImmediate(fn),
  };
}

export function systemRandom(): Random {
  // randomInt takes a range of at most 2^48 - 1; 47 bits of uniform randomness is plenty for jitter.
  return { next: () => randomInt(0, 2 ** 47) / 2 ** 47 };
}
