import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `transform`: no zod here (its params schema is in definition.ts). */
export const transformInfo: NodeTypeInfo = {
  type: 'transform',
  title: 'Transform',
  description: 'Outputs the value of its expression.',
  group: 'logic',
  outputs: () => null,
  // Its expression can fail at run time (invalid_request), so a retry edge is allowed.
  canFail: true,
  isTrigger: false,
};
