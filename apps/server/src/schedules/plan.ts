import type { CronSchedule } from '@switchyard/nodes';

/** A scheduled time missed by at most this much (a restart, a stalled process) still fires, once. */
export const DEFAULT_CATCH_UP_WINDOW_MS = 5 * 60_000;

/** A long wait is armed in steps of at most this, so no timer outlives a clock change or setTimeout's range. */
export const DEFAULT_MAX_TIMER_STEP_MS = 60 * 60_000;

// Bounds the scan of a window for the latest missed time (a every-second cron over 5 minutes is 300).
const MAX_SCAN = 100_000;

/**
 * The next time to fire, given that every time up to `after` is dealt with. Of the times
 * missed since (`after` < t <= `now`), only the latest is owed, and only if it is at most
 * `catchUpWindowMs` old: it is due now. Otherwise the first time after `now`. Undefined when
 * the expression has no time left.
 */
export function planNext(schedule: CronSchedule, after: number, now: number, catchUpWindowMs: number): number | undefined {
  let latestMissed: number | undefined;
  let t = schedule.nextAfter(Math.max(after, now - catchUpWindowMs - 1));
  for (let scanned = 0; t !== undefined && t <= now && scanned < MAX_SCAN; scanned++) {
    latestMissed = t;
    t = schedule.nextAfter(t);
  }
  return latestMissed ?? t;
}
