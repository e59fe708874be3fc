import { Cron } from 'croner';

/** A parsed cron expression in one time zone: where the scheduled instants fall. */
export interface CronSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** The first scheduled instant strictly after `after` (epoch ms), or undefined if none is left. */
  nextAfter(after: number): number | undefined;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

export const CRON_FIELDS_RULE = 'a cron expression has 5 or 6 fields separated by spaces';

/** Whether the runtime knows `name` as an IANA time zone (the same Intl data croner computes with). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a 5-field (minute precision) or 6-field (seconds first) cron expression. Croner reads
 * it; nicknames such as `@daily` and a 7th (year) field are refused, as the format allows only
 * 5 or 6 fields. Day of month and day of week combine with OR, as in Vixie cron.
 */
export function parseCron(expression: string, timezone = 'UTC'): CronParseResult {
  const text = expression.trim();
  if (!/^\S+(\s+\S+){4,5}$/.test(text)) return { ok: false, message: CRON_FIELDS_RULE };
  if (!isTimeZone(timezone)) return { ok: false, message: `unknown time zone "${timezone}"` };
  let cron: Cron;
  try {
    // Without a function croner arms no timer: it only computes times.
    cron = new Cron(text, { timezone, mode: '5-or-6-parts' });
  } catch (err) {
    return { ok: false, message: `not a valid cron expression: ${describeCronError(err)}` };
  }
  const nextAfter = (after: number): number | undefined => cron.nextRun(new Date(after))?.getTime();
  // An expression such as "0 0 31 2 *" parses but names no day that exists.
  if (nextAfter(0) === undefined) return { ok: false, message: 'the cron expression never fires (no date matches it)' };
  return { ok: true, schedule: { expression: text, timezone, nextAfter } };
}

function describeCronError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (
    message
      .replace(/^CronPattern:\s*/, '')
      // Croner counts entries after inserting a seconds field, so its index is off for 5 fields: name the text.
      .replace(/^configuration entry \d+ \((.*)\) contains illegal characters\.?$/, 'the field "$1" contains illegal characters')
      .replace(/^./, (c) => c.toLowerCase())
  );
}
