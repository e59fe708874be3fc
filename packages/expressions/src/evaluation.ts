import { bindingVariables, type Bindings } from './context.js';
import type { ExpressionError } from './errors.js';
import { EvaluationGuard, GUARD_BINDING } from './guard.js';
import type { ExpressionLimits } from './limits.js';

/**
 * One evaluation (a template, all its segments, or an expression). The guard, and with it the
 * deadline, starts with the first segment JSONata has to evaluate; fast-path segments need none.
 */
export class Evaluation {
  readonly bindings: Bindings | undefined;
  readonly limits: ExpressionLimits;
  readonly #clock: () => number;
  #guard: EvaluationGuard | undefined;
  #variables: Record<string, unknown> | undefined;

  constructor(bindings: Bindings | undefined, clock: () => number, limits: ExpressionLimits) {
    this.bindings = bindings;
    this.limits = limits;
    this.#clock = clock;
  }

  get guard(): EvaluationGuard {
    this.#guard ??= new EvaluationGuard(this.limits, this.#clock);
    return this.#guard;
  }

  /** The limit that stopped this evaluation, if one did. */
  get limitFailure(): ExpressionError | undefined {
    return this.#guard?.failure;
  }

  /** The JSONata variables: the bindings, and the guard for the hooks. */
  get variables(): Record<string, unknown> {
    if (this.#variables === undefined) {
      this.#variables = bindingVariables(this.bindings);
      this.#variables[GUARD_BINDING] = this.guard;
    }
    return this.#variables;
  }

  /** Stops whatever JSONata left running (see EvaluationGuard.finish). */
  finish(): void {
    this.#guard?.finish();
  }
}
