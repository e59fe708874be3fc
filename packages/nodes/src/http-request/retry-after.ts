const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// The three HTTP-date forms of RFC 9110 5.6.7; all are UTC.
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/;
const RFC_850 = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/;
const ASCTIME = /^[a-z]{3} ([a-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** Epoch ms of an HTTP-date, or undefined. */
export function parseHttpDate(value: string): number | undefined {
  const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
  let parts: { day: string; month: string; year: number; h: string; m: string; s: string } | undefined;
  let match = IMF_FIXDATE.exec(v);
  if (match !== null) {
    const [, day = '', month = '', year = '', h = '', m = '', s = ''] = match;
    parts = { day, month, year: Number(year), h, m, s };
  } else if ((match = RFC_850.exec(v)) !== null) {
    const [, day = '', month = '', yy = '', h = '', m = '', s = ''] = match;
    // RFC 9110: a two-digit year more than 50 years ahead is in the past century; 1970-2069 here.
    parts = { day, month, year: Number(yy) + (Number(yy) < 70 ? 2000 : 1900), h, m, s };
  } else if ((match = ASCTIME.exec(v)) !== null) {
    const [, month = '', day = '', h = '', m = '', s = '', year = ''] = match;
    parts = { day, month, year: Number(year), h, m, s };
  }
  if (parts === undefined) return undefined;
  const monthIndex = MONTHS.indexOf(parts.month);
  if (monthIndex < 0) return undefined;
  const ms = Date.UTC(parts.year, monthIndex, Number(parts.day), Number(parts.h), Number(parts.m), Number(parts.s));
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * A `Retry-After` header as a delay in ms from `now`: delta-seconds, or an HTTP-date (a date in
 * the past is 0). Undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(trimmed);
  return at === undefined ? undefined : Math.max(0, at - now);
}
