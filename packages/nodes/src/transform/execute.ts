import type { NodeExecutor } from '@switchyard/engine';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { TransformResolvedParams, transformDefinition } from './definition.js';

/** Outputs its evaluated expression (null when it evaluated to undefined). */
export const transformExecutor: NodeExecutor = {
  definition: transformDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params) => {
    const parsed = parseResolvedParams(TransformResolvedParams, params);
    if (!parsed.ok) return parsed;
    return { ok: true, output: parsed.value.expression ?? null };
  },
};
