import { ExpressionError } from './errors.js';
import type { AstNode, Frame } from './jsonata-internals.js';
import type { ExpressionLimits } from './limits.js';
import { monotonicClock } from './monotonic-clock.js';

/**
 * The binding that carries the guard of the running evaluation to the hooks. The hooks are
 * assigned once per compiled (and cached, shared) expression, so per-evaluation state cannot live
 * in them. The name contains a space: no `$name` in an expression can read or rebind it.
 */
export const GUARD_BINDING = 'switchyard guard';

// Bodies of the lambdas evaluated so far. A body is evaluated only when its function is called,
// so entering one is entering a call. Filled when the lambda itself is evaluated, so functions
// created inside `$eval` count too; weak, so ASTs evicted from the cache can be freed.
const lambdaBodies = new WeakSet<object>();

function monotonicNow(): number {
  return monotonicClock.now();
}

/**
 * Limits of one evaluation (one template, all its segments, or one expression), enforced from
 * JSONata's evaluation hooks, which run before and after every step:
 * - a wall-clock deadline, checked on every step: it also stops tail-call loops, which JSONata
 *   trampolines so they never nest;
 * - the number of calls of expression-defined functions in flight (recursion depth);
 * - the length of every array a step produces.
 * Once tripped (or finished) every later step throws, so work JSONata left running in parallel
 * branches (array and object constructors) stops at its next step.
 */
const FINISHED = new ExpressionError('runtime', 'evaluation already finished');

export class EvaluationGuard {
  readonly #limits: ExpressionLimits;
  readonly #deadline: number;
  readonly #clock: () => number;
  #depth = 0;
  #failure: ExpressionError | undefined;
  #timestamp: number | undefined;

  constructor(limits: ExpressionLimits, clock: () => number) {
    this.#limits = limits;
    this.#clock = clock;
    this.#deadline = monotonicNow() + limits.timeoutMs;
  }

  /** The limit that stopped the evaluation, if one did. */
  get failure(): ExpressionError | undefined {
    return this.#failure;
  }

  enter(node: AstNode): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (monotonicNow() > this.#deadline) {
      this.#fail('timeout', `took longer than the time limit of ${this.#limits.timeoutMs} ms (an infinite loop?)`);
    }
    if (node.type === 'lambda' && node.thunk !== true && typeof node.body === 'object' && node.body !== null) {
      lambdaBodies.add(node.body);
    }
    if (lambdaBodies.has(node) && ++this.#depth > this.#limits.maxDepth) {
      this.#fail(
        'depth',
        `exceeded the recursion depth limit of ${this.#limits.maxDepth} nested function calls (a recursion that never ends?)`,
      );
    }
  }

  exit(node: AstNode, result: unknown): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (lambdaBodies.has(node)) this.#depth--;
    if (typeof result === 'string' && result.length > this.#limits.maxResultLength) {
      this.#fail('size', `produced a string of ${result.length} characters, more than the limit of ${this.#limits.maxResultLength}`);
    }
    if (Array.isArray(result) && result.length > this.#limits.maxSequenceLength) {
      this.#fail(
        'sequence',
        `produced a sequence of ${result.length} items, more than the limit of ${this.#limits.maxSequenceLength}`,
      );
    }
  }

  /** Called when the evaluation has settled: stops anything JSONata left running. */
  finish(): void {
    // One shared error: building a new one (with its stack) per evaluation showed in the engine's profile.
    this.#failure ??= FINISHED;
  }

  /** `$now()`/`$millis()`: the injected clock, read once so every call in one evaluation agrees (as in JSONata). */
  businessNow(): number {
    if (this.#timestamp === undefined) {
      const now = this.#clock();
      if (typeof now !== 'number' || !Number.isFinite(now)) {
        throw new ExpressionError('runtime', `the injected clock returned ${String(now)}, not epoch milliseconds`);
      }
      this.#timestamp = now;
    }
    return this.#timestamp;
  }

  /** The evaluation's result, bounded once serialized (as it is stored). */
  checkResultSize(result: unknown): void {
    if (typeof result !== 'object' || result === null) return;
    const length = JSON.stringify(result)?.length ?? 0;
    if (length > this.#limits.maxResultLength) {
      this.#fail('size', `produced a result of ${length} characters as JSON, more than the limit of ${this.#limits.maxResultLength}`);
    }
  }

  #fail(kind: 'timeout' | 'depth' | 'sequence' | 'size', message: string): never {
    this.#failure = new ExpressionError(kind, message);
    throw this.#failure;
  }
}

export function guardOf(frame: Frame): EvaluationGuard | undefined {
  const guard = frame.lookup(GUARD_BINDING);
  return guard instanceof EvaluationGuard ? guard : undefined;
}
