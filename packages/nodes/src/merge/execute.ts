import type { NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { Json } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { combine } from './combine.js';
import { MergeParams, mergeDefinition } from './definition.js';

/**
 * The live inputs as [source, output] pairs. A join's `$input` is keyed by its live
 * predecessors; a merge with a single incoming edge gets that one's output as it is.
 */
function liveInputs(input: Json | null, isJoin: boolean): Array<[string, Json]> {
  if (!isJoin || typeof input !== 'object' || input === null || Array.isArray(input)) return [['input', input]];
  return Object.entries(input);
}

/** Combines the outputs of the branches drawn into it. */
export const mergeExecutor: NodeExecutor = {
  definition: mergeDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(MergeParams, params);
    if (!parsed.ok) return parsed;
    const combined = combine(liveInputs(ctx.input, ctx.isJoin === true), parsed.value.mode, parsed.value.key);
    return combined.ok ? { ok: true, output: combined.value } : { ok: false, failure: failure('invalid_request', combined.message) };
  },
};
