import { RE2JS } from 're2js';

/**
 * The one place user-supplied regular expressions are compiled (JSONata regex literals, JSON
 * Schema `pattern`s). RE2 matches in time linear in the input, so a pattern such as
 * `^(\w+\s?)*$` cannot block the event loop the way a backtracking engine does. RE2 cannot
 * express backreferences (`\1`) or lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`): such patterns are
 * refused when compiled, with the reason.
 */
export class UnsupportedPatternError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(
      `the regular expression /${pattern}/ is not supported: ${reason} (patterns run on a linear-time engine, RE2: backreferences and lookahead/lookbehind are not available)`,
    );
    this.name = 'UnsupportedPatternError';
  }
}

function flagBits(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '');
}

/** Compiles `pattern` (JavaScript syntax) on RE2, or throws UnsupportedPatternError. */
export function compileLinear(pattern: string, flags = ''): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern), flagBits(flags));
  } catch (error) {
    throw new UnsupportedPatternError(pattern, reasonOf(error));
  }
}

/** Why `pattern` cannot run on the linear-time engine, or undefined when it can. */
export function unsupportedPatternReason(pattern: string, flags = ''): string | undefined {
  try {
    compileLinear(pattern, flags);
    return undefined;
  } catch (error) {
    return error instanceof UnsupportedPatternError ? error.message : String(error);
  }
}

/**
 * The part of RegExp that JSONata's regex closures use (`lastIndex`, `exec` with `index`), on RE2.
 * Given to JSONata as its `RegexEngine`: JSONata constructs it with the literal's RegExp.
 */
export class LinearRegExp {
  readonly source: string;
  readonly flags: string;
  lastIndex = 0;
  readonly #re: RE2JS;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.#re = compileLinear(this.source, this.flags);
  }

  exec(input: string): RegExpExecArray | null {
    const matcher = this.#re.matcher(input);
    const from = this.lastIndex;
    if (from > input.length || !matcher.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const start = matcher.start();
    const end = matcher.end();
    // As RegExp with the g flag (JSONata's regex literals always have it): callers step past empty matches.
    this.lastIndex = end;
    const result = Object.assign(groups, { index: start, input }) as unknown as RegExpExecArray;
    return result;
  }

  test(input: string): boolean {
    return this.#re.matcher(input).find();
  }
}
