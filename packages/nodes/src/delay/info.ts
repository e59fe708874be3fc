import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `delay`: no zod here (its params schema is in definition.ts). */
export const delayInfo: NodeTypeInfo = {
  type: 'delay',
  title: 'Delay',
  description: 'Waits for a duration or until a time, then passes its input on.',
  group: 'logic',
  outputs: () => null,
  // `ms` or `until` given as a template can evaluate to a wrong value (invalid_request).
  canFail: true,
  isTrigger: false,
};
