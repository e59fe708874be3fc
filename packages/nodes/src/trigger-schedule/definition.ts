import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { requiredError, strictParams } from '../shared/params.js';
import { isTimeZone, parseCron } from './cron.js';
import { triggerScheduleInfo } from './info.js';

/** Times are read in UTC unless the trigger names a time zone. */
export const SCHEDULE_DEFAULT_TIMEZONE = 'UTC';

/** `trigger.schedule` params: `cron` (5 or 6 fields) and `timezone` (IANA, default UTC). */
export const TriggerScheduleParams = strictParams({
  cron: z.string({ error: requiredError('cron') }).superRefine((cron, ctx) => {
    // Parsed in UTC: whether an expression is valid does not depend on the time zone.
    const parsed = parseCron(cron);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, input: cron });
  }),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Paris" or "UTC"').optional(),
});

export interface ScheduleSettings {
  cron: string;
  timezone: string;
}

/** The params with the default applied. */
export function scheduleSettings(params: z.infer<typeof TriggerScheduleParams>): ScheduleSettings {
  return { cron: params.cron.trim(), timezone: params.timezone ?? SCHEDULE_DEFAULT_TIMEZONE };
}

export const triggerScheduleDefinition: NodeDefinition = { ...triggerScheduleInfo, params: TriggerScheduleParams };
