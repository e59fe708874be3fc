import type { NodeTypeInfo } from '@switchyard/schema';

export const BRANCH_OUTPUTS = ['true', 'false'] as const;

/** What the editor shows of `branch`: no zod here (its params schema is in definition.ts). */
export const branchInfo: NodeTypeInfo = {
  type: 'branch',
  title: 'Branch',
  description: 'Passes its input on through the "true" or the "false" output.',
  group: 'logic',
  outputs: () => BRANCH_OUTPUTS,
  // A condition that is not a boolean fails the node (invalid_request).
  canFail: true,
  isTrigger: false,
};
