import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `fail`: no zod here (its params schema is in definition.ts). */
export const failInfo: NodeTypeInfo = {
  type: 'fail',
  title: 'Fail',
  description: 'Fails with the given category and message (to end a branch on purpose).',
  group: 'logic',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
};
