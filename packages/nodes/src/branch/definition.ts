import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { describeValue } from '../shared/describe-value.js';

export const BRANCH_OUTPUTS = ['true', 'false'] as const;

/** `branch` params as authored: `condition` is a boolean or a template. */
export const BranchParams = strictParams({
  condition: typed(z.boolean(), 'a boolean'),
});

/** After evaluation the condition must be a boolean (workflow-format.md, "Types"). */
export const BranchResolvedParams = strictParams({
  condition: z.boolean({ error: (issue) => `must evaluate to a boolean, got ${describeValue(issue.input)}` }),
});

export const branchDefinition: NodeDefinition = {
  type: 'branch',
  title: 'Branch',
  description: 'Passes its input on through the "true" or the "false" output.',
  group: 'logic',
  params: BranchParams,
  outputs: () => BRANCH_OUTPUTS,
  // A condition that is not a boolean fails the node (invalid_request).
  canFail: true,
  isTrigger: false,
};
