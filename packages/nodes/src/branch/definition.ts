import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { describeValue } from '../shared/describe-value.js';
import { branchInfo } from './info.js';

export { BRANCH_OUTPUTS } from './info.js';

/** `branch` params as authored: `condition` is a boolean or a template. */
export const BranchParams = strictParams({
  condition: typed(z.boolean(), 'a boolean'),
});

/** After evaluation the condition must be a boolean (workflow-format.md, "Types"). */
export const BranchResolvedParams = strictParams({
  condition: z.boolean({ error: (issue) => `must evaluate to a boolean, got ${describeValue(issue.input)}` }),
});

export const branchDefinition: NodeDefinition = { ...branchInfo, params: BranchParams };
