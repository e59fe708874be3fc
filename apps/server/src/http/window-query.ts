import { z } from 'zod';
import { parseWindow } from '../runs/integration-health.js';

/** `?window=15m|1h|7d…` (at most 30 days) as milliseconds, `fallback` when absent. */
export function windowQuery(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const ms = parseWindow(s);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a window like 15m, 1h or 7d (at most 30d)' });
        return z.NEVER;
      }
      return ms;
    });
}
