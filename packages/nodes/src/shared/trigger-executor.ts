import type { NodeExecutor } from '@switchyard/engine';
import type { NodeDefinition } from '@switchyard/schema';

/** A trigger node's attempt: the engine passes the trigger object as input, and it is the output. */
export function createTriggerExecutor(definition: NodeDefinition): NodeExecutor {
  return {
    definition,
    pure: true,
    retrySafe: () => true,
    execute: async (_params, ctx) => ({ ok: true, output: ctx.input }),
  };
}
