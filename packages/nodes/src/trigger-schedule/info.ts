import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** What the editor shows of `trigger.schedule`: no zod here (its params schema is in definition.ts). */
export const triggerScheduleInfo: NodeCatalogEntry = {
  type: 'trigger.schedule',
  title: 'Schedule',
  description: 'Starts a run on a cron schedule while the workflow is active.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  isTemplateExempt: () => true,
  summary: (p) => shorten(`cron ${textOf(p.cron) ?? ''}${p.timezone ? ` ${textOf(p.timezone)}` : ''}`),
  starterParams: { cron: '0 * * * *' },
  docs: {
    params: '`cron` (5 or 6 fields), `timezone` (IANA, default `UTC`)',
    output: 'the trigger object `{ kind: "schedule", firedAt }`',
    retrySafe: 'yes',
  },
};
