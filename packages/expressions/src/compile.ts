import jsonata from 'jsonata';
import { BoundedCache } from './bounded-cache.js';
import { installClockFunctions } from './clock-functions.js';
import { CompileFailure, compileFailureOf } from './compile-failure.js';
import { compileFastPath, type FastEvaluator } from './fast-path.js';
import { guardOf } from './guard.js';
import { LinearRegExp, unsupportedPatternReason } from './linear-regex.js';
import { EVALUATE_ENTRY, EVALUATE_EXIT, type AstNode, type Frame } from './jsonata-internals.js';

/** A compiled expression, and a plain-JavaScript evaluator when its shape allows one. */
export interface CompiledExpression {
  readonly expression: jsonata.Expression;
  readonly fast: FastEvaluator | undefined;
}

// Compiled expressions are reused across evaluations (the engine evaluates the same templates on
// every node attempt). Bounded: workflows come and go; an evicted one is just compiled again.
// One cache per sequence limit (compiled in, see compileExpression); nearly always just the default.
const COMPILED_CACHE_SIZE = 5000;
const MAX_LIMIT_VARIANTS = 8;
const compiled = new Map<number, BoundedCache<string, CompiledExpression>>();

function cacheFor(maxSequenceLength: number): BoundedCache<string, CompiledExpression> {
  let cache = compiled.get(maxSequenceLength);
  if (cache === undefined) {
    if (compiled.size >= MAX_LIMIT_VARIANTS) compiled.clear();
    cache = new BoundedCache(COMPILED_CACHE_SIZE);
    compiled.set(maxSequenceLength, cache);
  }
  return cache;
}

function entryHook(node: AstNode, _input: unknown, frame: Frame): void {
  guardOf(frame)?.enter(node);
}

function exitHook(node: AstNode, _input: unknown, frame: Frame, result: unknown): void {
  guardOf(frame)?.exit(node, result);
}

function installHooks(expression: jsonata.Expression): void {
  // jsonata.d.ts types `assign`'s name as a string, but 2.2.2 looks the hooks up by symbol and
  // binds whatever key it is given.
  const assign = expression.assign as (name: string | symbol, value: unknown) => void;
  assign(EVALUATE_ENTRY, entryHook);
  assign(EVALUATE_EXIT, exitHook);
}

/** The first regex literal RE2 cannot run, as a located failure: refused when saved, not when run. */
function unsupportedRegex(root: unknown): CompileFailure | undefined {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof RegExp) continue;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'regex' && record['value'] instanceof RegExp) {
      const reason = unsupportedPatternReason(record['value'].source, record['value'].flags);
      if (reason !== undefined) {
        const position = typeof record['position'] === 'number' ? record['position'] : undefined;
        return new CompileFailure(reason, position, 'unsupported-regex');
      }
    }
    for (const value of Object.values(record)) stack.push(value);
  }
  return undefined;
}

/**
 * Compiles a JSONata expression with this package's hooks and clock functions, or says why it
 * does not parse. `maxSequenceLength` is compiled in: JSONata's own `sequence` option then refuses
 * a too long range (`[0..9999999]`) before allocating it, which the exit hook alone cannot.
 */
export function compileExpression(source: string, maxSequenceLength: number): CompiledExpression | CompileFailure {
  const cache = cacheFor(maxSequenceLength);
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  if (source.trim() === '') return new CompileFailure('empty expression', undefined, undefined);
  let expression: jsonata.Expression;
  try {
    // RegexEngine: regex literals match on RE2 (linear time, see linear-regex.ts); jsonata.d.ts
    // lacks the option that 2.2.2 reads.
    const options: jsonata.JsonataOptions = { sequence: maxSequenceLength, RegexEngine: LinearRegExp as unknown as RegExpConstructor };
    expression = jsonata(source, options);
  } catch (error) {
    return compileFailureOf(error, source);
  }
  const unsupported = unsupportedRegex(expression.ast());
  if (unsupported !== undefined) return unsupported;
  installHooks(expression);
  installClockFunctions(expression);
  const result: CompiledExpression = { expression, fast: compileFastPath(expression.ast()) };
  cache.set(source, result);
  return result;
}
