import jsonata from 'jsonata';
import { installClockFunctions } from './clock-functions.js';
import { compileFastPath, type FastEvaluator } from './fast-path.js';
import { guardOf } from './guard.js';
import { EVALUATE_ENTRY, EVALUATE_EXIT, isJsonataError, type AstNode, type Frame } from './jsonata-internals.js';
import { BoundedCache } from './bounded-cache.js';

/** A compiled expression, and a plain-JavaScript evaluator when its shape allows one. */
export interface CompiledExpression {
  readonly expression: jsonata.Expression;
  readonly fast: FastEvaluator | undefined;
}

/** Why a source does not compile; `position` is an offset in the source, where known. */
export class CompileFailure {
  constructor(
    readonly message: string,
    readonly position: number | undefined,
    readonly code: string | undefined,
    /** No text that starts with this source followed by `}}` can parse either (see `isConclusive`). */
    readonly conclusive = false,
  ) {}
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

/** JSONata reports the offset just past the offending token; point at its start instead. */
function tokenStart(position: number | undefined, token: string | undefined): number | undefined {
  if (position === undefined) return undefined;
  if (token === undefined || token === '(end)' || token.length > position) return position;
  return position - token.length;
}

/**
 * Whether the parser stopped at a token that ends before the end of the source. The text up to
 * there is read the same way whatever follows, so source + `}}` + anything fails there too, and
 * the search for a closing `}}` can stop (else an invalid opening followed by many `}}` costs a
 * parse per `}}`). Only parser errors (S02xx) with a real token qualify: the tokenizer's errors
 * (unterminated string or comment, S01xx) and regex errors (S03xx) may point at where the
 * unterminated thing began, which a later `}}` can still end.
 */
function isConclusive(error: { code: string; position?: number; token?: unknown }, source: string): boolean {
  return (
    error.code.startsWith('S02') &&
    error.token !== undefined &&
    error.token !== '(end)' &&
    error.position !== undefined &&
    error.position < source.length
  );
}

function failureOf(error: unknown, source: string): CompileFailure {
  if (isJsonataError(error)) {
    const token = typeof error.token === 'string' ? error.token : undefined;
    return new CompileFailure(error.message ?? error.code, tokenStart(error.position, token), error.code, isConclusive(error, source));
  }
  if (error instanceof RangeError) {
    // The parser recurses per nesting level; thousands of brackets overflow the call stack.
    return new CompileFailure('expression is nested too deeply to parse', undefined, undefined);
  }
  return new CompileFailure(error instanceof Error ? error.message : String(error), undefined, undefined);
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
    expression = jsonata(source, { sequence: maxSequenceLength });
  } catch (error) {
    return failureOf(error, source);
  }
  installHooks(expression);
  installClockFunctions(expression);
  const result: CompiledExpression = { expression, fast: compileFastPath(expression.ast()) };
  cache.set(source, result);
  return result;
}
