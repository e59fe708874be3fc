import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `trigger.manual`: no zod here (its params schema is in definition.ts). */
export const triggerManualInfo: NodeTypeInfo = {
  type: 'trigger.manual',
  title: 'Manual trigger',
  description: 'Starts a run from the editor or the API, with an optional body.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  isTemplateExempt: () => true,
};
