import { ExpressionError, type ExpressionErrorKind } from './errors.js';
import { isJsonataError } from './jsonata-internals.js';
import type { ExpressionLimits } from './limits.js';

function kindOfCode(code: string): ExpressionErrorKind {
  switch (code) {
    case 'D1011': // JSONata's own stack limit
      return 'depth';
    case 'D1012': // JSONata's own timeout
      return 'timeout';
    case 'D2014': // a range over 1e7 items
    case 'D2015': // the compiled-in sequence limit
      return 'sequence';
    default:
      return 'runtime';
  }
}

/**
 * The ExpressionError for whatever an evaluation threw. `limit` is the limit the guard tripped, if
 * any: it wins, since JSONata may have wrapped it (`$eval` does) or a parallel branch may have
 * failed differently after it. `label` names the expression.
 */
export function toExpressionError(error: unknown, limit: ExpressionError | undefined, limits: ExpressionLimits, label: string): ExpressionError {
  if (limit !== undefined) return new ExpressionError(limit.kind, `${label} ${limit.message}`, { cause: error });
  if (error instanceof ExpressionError) {
    return new ExpressionError(error.kind, `${label} failed: ${error.message}`, { cause: error, code: error.code });
  }
  // `$eval` wraps what its expression threw (D3120/D3121): judge the inner error, so limits and
  // engine errors inside `$eval` get the category they get outside it.
  if (isJsonataError(error) && (error.code === 'D3120' || error.code === 'D3121')) {
    const inner = (error as { error?: unknown }).error;
    if (inner !== undefined && inner !== error) return toExpressionError(inner, limit, limits, `${label} in $eval`);
  }
  if (isJsonataError(error)) {
    const where = error.position === undefined ? '' : ` at offset ${error.position}`;
    // JSONata's D2015 text puts the attempted size where the limit belongs; say it plainly.
    const text =
      error.code === 'D2015'
        ? `exceeded the sequence length limit of ${limits.maxSequenceLength} items`
        : (error.message ?? error.code);
    return new ExpressionError(kindOfCode(error.code), `${label} failed: ${text} [${error.code}${where}]`, {
      cause: error,
      code: error.code,
      position: error.position,
    });
  }
  if (error instanceof RangeError) {
    // A string or array past what V8 can hold ($pad('', 6e8)): an expression failure, not an engine crash.
    if (/invalid (string|array) length/i.test(error.message)) {
      return new ExpressionError('size', `${label} failed: produced a value too large (${error.message})`, { cause: error });
    }
    // Call stack exhausted, by data or results nested thousands deep.
    return new ExpressionError('depth', `${label} failed: nested too deeply (${error.message})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError('runtime', `${label} failed: ${message}`, { cause: error });
}
