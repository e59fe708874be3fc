import type { ExpressionLimits } from './limits.js';

/** What expressions see as `$trigger`, `$input`, … (workflow-format.md, "Bindings"). */
export interface Bindings {
  trigger?: unknown;
  input?: unknown;
  nodes?: Record<string, unknown>;
  run?: unknown;
  node?: unknown;
  failure?: unknown;
  compensating?: unknown;
  integration?: unknown;
}

export interface EvaluationContext {
  bindings: Bindings;
  /** Epoch ms from the engine's injected clock: what `$now()` and `$millis()` return. */
  now: () => number;
  limits?: Partial<ExpressionLimits>;
}

export type BindingName = keyof Bindings;

export const BINDING_NAMES: ReadonlySet<string> = new Set<BindingName>([
  'trigger',
  'input',
  'nodes',
  'run',
  'node',
  'failure',
  'compensating',
  'integration',
]);

/** The JSONata variables of one evaluation: every binding is always bound, to undefined where it does not apply. */
export function bindingVariables(bindings: Bindings | undefined): Record<string, unknown> {
  return {
    trigger: bindings?.trigger,
    input: bindings?.input,
    nodes: bindings?.nodes,
    run: bindings?.run,
    node: bindings?.node,
    failure: bindings?.failure,
    compensating: bindings?.compensating,
    integration: bindings?.integration,
  };
}
