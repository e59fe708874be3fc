import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

export const BRANCH_OUTPUTS = ['true', 'false'] as const;

/** What the editor shows of `branch`: no zod here (its params schema is in definition.ts). */
export const branchInfo: NodeCatalogEntry = {
  type: 'branch',
  title: 'Branch',
  description: 'Passes its input on through the "true" or the "false" output.',
  group: 'logic',
  outputs: () => BRANCH_OUTPUTS,
  // A condition that is not a boolean fails the node (invalid_request).
  canFail: true,
  isTrigger: false,
  summary: (p) => shorten(`if ${textOf(p.condition) ?? ''}`),
  starterParams: { condition: '{{ $input != null }}' },
  docs: { params: '`condition`', output: 'its input, with handle `"true"` / `"false"`', retrySafe: 'yes' },
};
