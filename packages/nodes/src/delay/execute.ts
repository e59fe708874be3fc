import type { NodeExecutor } from '@switchyard/engine';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { DelayResolvedParams, delayDefinition } from './definition.js';

/** Succeeds with its input once the engine's clock reaches `sleepUntil` (a durable timer). */
export const delayExecutor: NodeExecutor = {
  definition: delayDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(DelayResolvedParams, params);
    if (!parsed.ok) return parsed;
    const now = ctx.now();
    const { ms, until } = parsed.value;
    // A time already past means no wait at all.
    const sleepUntil = ms !== undefined ? now + ms : Math.max(now, Date.parse(until ?? ''));
    return { ok: true, output: ctx.input, sleepUntil };
  },
};
