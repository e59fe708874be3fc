import { describe, expect, it } from 'vitest';
import { parseCron } from './cron.js';
import type { CronSchedule } from './cron.js';

function scheduleOf(expression: string, timezone?: string): CronSchedule {
  const parsed = parseCron(expression, timezone);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
}

/** The next `count` instants after `from`, as ISO strings. */
function nextTimes(schedule: CronSchedule, from: string, count: number): string[] {
  const out: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = schedule.nextAfter(at);
    if (next === undefined) break;
    out.push(new Date(next).toISOString());
    at = next;
  }
  return out;
}

describe('parseCron', () => {
  it('reads 5 fields with minute precision, strictly after the given instant', () => {
    expect(nextTimes(scheduleOf('*/5 * * * *'), '2025-01-01T00:00:00.000Z', 3)).toEqual([
      '2025-01-01T00:05:00.000Z',
      '2025-01-01T00:10:00.000Z',
      '2025-01-01T00:15:00.000Z',
    ]);
    expect(nextTimes(scheduleOf('*/5 * * * *'), '2025-01-01T00:04:59.999Z', 1)).toEqual(['2025-01-01T00:05:00.000Z']);
  });

  it('reads a leading seconds field when there are 6', () => {
    expect(nextTimes(scheduleOf('*/20 * * * * *'), '2025-01-01T00:00:00.000Z', 3)).toEqual([
      '2025-01-01T00:00:20.000Z',
      '2025-01-01T00:00:40.000Z',
      '2025-01-01T00:01:00.000Z',
    ]);
  });

  it('reads times in the time zone, across the spring change (Europe/Paris, 30 March 2025)', () => {
    // 09:00 local is 08:00Z in winter (CET) and 07:00Z in summer (CEST).
    expect(nextTimes(scheduleOf('0 9 * * *', 'Europe/Paris'), '2025-03-29T00:00:00Z', 3)).toEqual([
      '2025-03-29T08:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
    ]);
    // 02:30 does not exist that night: a fixed-time job runs at the first time after the gap (03:00 CEST).
    expect(nextTimes(scheduleOf('30 2 * * *', 'Europe/Paris'), '2025-03-29T12:00:00Z', 2)).toEqual(['2025-03-30T01:00:00.000Z', '2025-03-31T00:30:00.000Z']);
  });

  it('fires a fixed time once when the autumn change repeats it (Europe/Paris, 26 October 2025)', () => {
    expect(nextTimes(scheduleOf('30 2 * * *', 'Europe/Paris'), '2025-10-25T12:00:00Z', 2)).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
  });

  it('refuses what it cannot read, and an unknown time zone', () => {
    expect(parseCron('* * * *')).toEqual({ ok: false, message: 'a cron expression has 5 or 6 fields separated by spaces' });
    expect(parseCron('0 12 * * *', 'Nowhere/Land')).toEqual({ ok: false, message: 'unknown time zone "Nowhere/Land"' });
    expect(parseCron('0 0 30 2 *')).toEqual({ ok: false, message: 'the cron expression never fires (no date matches it)' });
  });
});
