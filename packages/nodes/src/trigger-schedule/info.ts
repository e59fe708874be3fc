import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `trigger.schedule`: no zod here (its params schema is in definition.ts). */
export const triggerScheduleInfo: NodeTypeInfo = {
  type: 'trigger.schedule',
  title: 'Schedule',
  description: 'Starts a run on a cron schedule while the workflow is active.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  isTemplateExempt: () => true,
};
