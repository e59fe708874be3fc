import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `respond`: no zod here (its params schema is in definition.ts). */
export const respondInfo: NodeTypeInfo = {
  type: 'respond',
  title: 'Respond',
  description: 'Answers a sync webhook with a status, headers and a body.',
  group: 'logic',
  outputs: () => null,
  // A status given as a template can evaluate to a wrong value (invalid_request).
  canFail: true,
  isTrigger: false,
};
