import { CompileFailure } from './compile-failure.js';
import { compileExpression } from './compile.js';
import type { Bindings, EvaluationContext } from './context.js';
import { evaluateSource, plainLabel } from './evaluate.js';
import { Evaluation } from './evaluation.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits.js';

export type ExpressionCheck = { ok: true } | { ok: false; message: string; offset?: number };

/** Whether a plain JSONata expression (no `{{ }}`) parses, e.g. a webhook's `idempotency.expression`. */
export function checkExpression(source: string): ExpressionCheck {
  const result = compileExpression(source, DEFAULT_LIMITS.maxSequenceLength);
  if (!(result instanceof CompileFailure)) return { ok: true };
  return result.position === undefined
    ? { ok: false, message: result.message }
    : { ok: false, message: result.message, offset: result.position };
}

export type ExpressionContext = Omit<EvaluationContext, 'bindings'> & { bindings?: Bindings };

/**
 * Evaluates a plain JSONata expression with `input` as its context `$` (a webhook's idempotency
 * expression runs over the trigger object). The result is JSON data; undefined stays undefined,
 * since "no result" means something to the caller. Throws ExpressionError.
 */
export async function evaluateExpression(source: string, input: unknown, ctx: ExpressionContext): Promise<unknown> {
  const evaluation = new Evaluation(ctx.bindings, ctx.now, resolveLimits(ctx.limits));
  try {
    return await evaluateSource(source, input, evaluation, plainLabel);
  } finally {
    evaluation.finish();
  }
}
