import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { delayInfo } from './info.js';

/** The longest delay a node may ask for: a year. */
export const DELAY_MAX_MS = 31_536_000_000;

const Ms = z
  .number({ error: 'ms is a number of milliseconds' })
  .int('ms is a whole number of milliseconds')
  .min(0, 'ms is at least 0')
  .max(DELAY_MAX_MS, `ms is at most ${DELAY_MAX_MS} (a year)`);

const Until = z.iso.datetime({ offset: true, error: 'until is an ISO 8601 time with a time zone, e.g. 2030-01-01T09:00:00Z' });

function exactlyOne(params: { ms?: unknown; until?: unknown }, ctx: z.core.$RefinementCtx): void {
  if ((params.ms === undefined) === (params.until === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'a delay has either ms or until (exactly one)', path: [] });
  }
}

/** `delay` params as authored: `ms` or `until`, each a value or a template. */
export const DelayParams = strictParams({
  ms: typed(Ms, 'a number of milliseconds').optional(),
  until: typed(Until, 'an ISO 8601 time').optional(),
}).superRefine(exactlyOne);

/** After evaluation. */
export const DelayResolvedParams = strictParams({ ms: Ms.optional(), until: Until.optional() }).superRefine(exactlyOne);

export const delayDefinition: NodeDefinition = { ...delayInfo, params: DelayParams };
