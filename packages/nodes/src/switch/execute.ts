import type { NodeExecutor } from '@switchyard/engine';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { chooseOutputs } from './choose.js';
import { SwitchResolvedParams, switchDefinition } from './definition.js';

/** Passes its input on through the outputs its cases choose. */
export const switchExecutor: NodeExecutor = {
  definition: switchDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(SwitchResolvedParams, params);
    if (!parsed.ok) return parsed;
    const handles = chooseOutputs(parsed.value.cases, parsed.value.mode);
    return handles.length === 1 ? { ok: true, output: ctx.input, handle: handles[0]! } : { ok: true, output: ctx.input, handles };
  },
};
