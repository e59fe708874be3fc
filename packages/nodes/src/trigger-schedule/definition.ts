import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { requiredError, strictParams } from '../shared/params.js';
import { triggerScheduleInfo } from './info.js';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `trigger.schedule` params; the type is declared but not supported yet. */
export const TriggerScheduleParams = strictParams({
  cron: z
    .string({ error: requiredError('cron') })
    .trim()
    .regex(/^\S+(\s+\S+){4,5}$/, 'a cron expression has 5 or 6 fields separated by spaces'),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Paris" or "UTC"').optional(),
});

export const triggerScheduleDefinition: NodeDefinition = { ...triggerScheduleInfo, params: TriggerScheduleParams };
