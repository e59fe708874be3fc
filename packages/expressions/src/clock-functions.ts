import jsonata from 'jsonata';
import { guardOf, type EvaluationGuard } from './guard.js';
import { isNativeFunction, type Frame, type NativeFunction } from './jsonata-internals.js';

// JSONata's own `$fromMillis`, for the formatting `$now(picture, timezone)` shares with it. Taken
// from a fresh expression, not looked up where `$now` is called, so a user's `$fromMillis := …`
// cannot change what `$now` returns. Fetched once, on the first `$now()`.
let fromMillis: Promise<NativeFunction> | undefined;

function builtinFromMillis(): Promise<NativeFunction> {
  fromMillis ??= jsonata('$fromMillis')
    .evaluate(null)
    .then((value: unknown) => {
      if (!isNativeFunction(value)) throw new Error('JSONata has no built-in $fromMillis');
      return value;
    });
  return fromMillis;
}

function guardFor(focus: jsonata.Focus): EvaluationGuard {
  const guard = guardOf(focus.environment satisfies Frame);
  // Only this package evaluates the expressions it compiles, always with a guard.
  if (guard === undefined) throw new Error('$now()/$millis() called outside a guarded evaluation');
  return guard;
}

/** `$millis()`: epoch ms from the engine's injected clock, not the real one (signature as JSONata's). */
function millis(this: jsonata.Focus): number {
  return guardFor(this).businessNow();
}

/** `$now(picture?, timezone?)`: the injected clock, formatted like JSONata's `$now` (ISO 8601 by default). */
async function now(this: jsonata.Focus, picture?: string, timezone?: string): Promise<unknown> {
  const ms = guardFor(this).businessNow();
  const builtin = await builtinFromMillis();
  return builtin.implementation.call(this, ms, picture, timezone);
}

/** Replaces JSONata's `$now` and `$millis`, which read the real clock when `evaluate` starts. */
export function installClockFunctions(expression: jsonata.Expression): void {
  expression.registerFunction('millis', millis, '<:n>');
  expression.registerFunction('now', now, '<s?s?:s>');
}
