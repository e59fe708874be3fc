import { isJsonataError } from './jsonata-internals.js';

/** Why a source does not compile; `position` is an offset in the source, where known. */
export class CompileFailure {
  constructor(
    readonly message: string,
    readonly position: number | undefined,
    readonly code: string | undefined,
    /** No text that starts with this source followed by `}}` can parse either (see `isConclusive`). */
    readonly conclusive = false,
    /** The source ends inside a string, name, comment or regex: a longer text can only parse if one of these follows. */
    readonly terminators: readonly string[] | undefined = undefined,
  ) {}
}

// JSONata's tokenizer errors for a construct still open at the end of the source.
const TERMINATORS: Readonly<Record<string, readonly string[]>> = {
  S0101: ["'", '"'], // string literal
  S0105: ['`'], // quoted name
  S0106: ['*/'], // comment
  S0302: ['/'], // regular expression
};

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

/** Why JSONata could not compile `source`, from what it threw. */
export function compileFailureOf(error: unknown, source: string): CompileFailure {
  if (isJsonataError(error)) {
    const token = typeof error.token === 'string' ? error.token : undefined;
    return new CompileFailure(
      error.message ?? error.code,
      tokenStart(error.position, token),
      error.code,
      isConclusive(error, source),
      TERMINATORS[error.code],
    );
  }
  if (error instanceof RangeError) {
    // The parser recurses per nesting level; thousands of brackets overflow the call stack.
    return new CompileFailure('expression is nested too deeply to parse', undefined, undefined);
  }
  return new CompileFailure(error instanceof Error ? error.message : String(error), undefined, undefined);
}

