import type { NodeExecutor } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { SetResolvedParams, setDefinition } from './definition.js';

function isObject(value: Json | null): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Outputs its input object with the evaluated fields set over it (a new object: the input is not changed). */
export const setExecutor: NodeExecutor = {
  definition: setDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(SetResolvedParams, params);
    if (!parsed.ok) return parsed;
    const { fields, keepInput } = parsed.value;
    const base = keepInput && isObject(ctx.input) ? ctx.input : {};
    return { ok: true, output: { ...base, ...fields } };
  },
};
