/**
 * The clock the evaluation deadline reads: a resource guard, not business time (the engine's
 * injected business clock may be frozen in tests). An object so tests can replace `now` with a
 * fake and test the time limit without depending on the machine's speed.
 */
export const monotonicClock: { now: () => number } = {
  now: () => performance.now(),
};
