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
    // Call stack exhausted, by data or results nested thousands deep.
    return new ExpressionError('depth', `${label} failed: nested too deeply (${error.message})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError('runtime', `${label} failed: ${message}`, { cause: error });
}
