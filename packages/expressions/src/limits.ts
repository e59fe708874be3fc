export interface ExpressionLimits {
  /** Wall-clock budget of one template (all its segments) or one expression. */
  timeoutMs: number;
  /** Nested calls of functions defined in the expression (`function($x){ … }`) in flight at once. */
  maxDepth: number;
  /** Items in any array or sequence an evaluation step produces. */
  maxSequenceLength: number;
  /**
   * Characters of any string an evaluation step produces, and of the result serialized as JSON:
   * a step that is one JavaScript call (`$pad('', 1e8)`) cannot be stopped by the deadline, so
   * its output is bounded instead, before it is stored or handed to the next step.
   */
  maxResultLength: number;
}

/**
 * maxDepth is generous because JSONata 2 evaluates the items of an array or object constructor
 * concurrently, so calls in sibling items are counted together (see README); real recursion is
 * rarely deeper than the data it walks, and the deadline catches runaway loops anyway.
 */
export const DEFAULT_LIMITS: ExpressionLimits = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 1000,
  maxSequenceLength: 100_000,
  maxResultLength: 10 * 1024 * 1024,
});

function checkLimit(name: keyof ExpressionLimits, value: number, integer: boolean): void {
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new RangeError(`expression limit ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}

/** Defaults filled in; a limit that is not a positive number is a programming error (RangeError). */
export function resolveLimits(partial: Partial<ExpressionLimits> | undefined): ExpressionLimits {
  if (partial === undefined) return DEFAULT_LIMITS;
  const limits: ExpressionLimits = {
    timeoutMs: partial.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxDepth: partial.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxSequenceLength: partial.maxSequenceLength ?? DEFAULT_LIMITS.maxSequenceLength,
    maxResultLength: partial.maxResultLength ?? DEFAULT_LIMITS.maxResultLength,
  };
  checkLimit('timeoutMs', limits.timeoutMs, false);
  checkLimit('maxDepth', limits.maxDepth, true);
  checkLimit('maxSequenceLength', limits.maxSequenceLength, true);
  checkLimit('maxResultLength', limits.maxResultLength, true);
  return limits;
}
