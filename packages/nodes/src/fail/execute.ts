import type { NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { FailResolvedParams, failDefinition } from './definition.js';

/** Never succeeds: fails with the category and message it was given. */
export const failExecutor: NodeExecutor = {
  definition: failDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params) => {
    const parsed = parseResolvedParams(FailResolvedParams, params);
    if (!parsed.ok) return parsed;
    return { ok: false, failure: failure(parsed.value.category, parsed.value.message) };
  },
};
