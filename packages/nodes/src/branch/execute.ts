import type { NodeExecutor } from '@switchyard/engine';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { BranchResolvedParams, branchDefinition } from './definition.js';

/** Passes its input on through the output named by the condition. */
export const branchExecutor: NodeExecutor = {
  definition: branchDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(BranchResolvedParams, params);
    if (!parsed.ok) return parsed;
    return { ok: true, output: ctx.input, handle: parsed.value.condition ? 'true' : 'false' };
  },
};
