/**
 * Splits a template text into tokens for highlighting: literal text outside `{{ }}`, the
 * braces, and JSONata inside them. This is a highlighter, not a parser: it never fails, and
 * the parse errors shown under a field come from the real parser (templateCheck.ts).
 */
export type TokenKind = 'text' | 'brace' | 'string' | 'number' | 'variable' | 'keyword' | 'name' | 'operator' | 'comment' | 'space';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** JSONata inside one `{{ }}`, as a sticky-regex scan: the first rule that matches wins. */
const RULES: ReadonlyArray<[TokenKind, RegExp]> = [
  ['space', /\s+/y],
  ['comment', /\/\*[\s\S]*?(?:\*\/|$)/y],
  ['string', /"(?:[^"\\]|\\.)*(?:"|$)|'(?:[^'\\]|\\.)*(?:'|$)/y],
  ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['variable', /\$[A-Za-z0-9_]*/y],
  ['name', /`[^`]*(?:`|$)|[A-Za-z_][A-Za-z0-9_]*/y],
  ['operator', /\.\.|:=|!=|<=|>=|~>|\?:|\?\?|[-+*/%&|=<>!?:.,;^#@~()[\]{}]/y],
];

function scanExpression(source: string, into: Token[]): void {
  let at = 0;
  while (at < source.length) {
    let matched = false;
    for (const [kind, pattern] of RULES) {
      pattern.lastIndex = at;
      const m = pattern.exec(source);
      if (m && m[0].length > 0) {
        const text = m[0];
        push(into, kind === 'name' && KEYWORDS.has(text) ? 'keyword' : kind, text);
        at += text.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      push(into, 'operator', source[at]!);
      at += 1;
    }
  }
}

/** Adds a token, merging it into the previous one of the same kind (fewer spans to draw). */
function push(into: Token[], kind: TokenKind, text: string): void {
  const last = into[into.length - 1];
  if (last && last.kind === kind && (kind === 'text' || kind === 'space')) last.text += text;
  else into.push({ kind, text });
}

/** The tokens of a whole field: they join back into exactly `text`. */
export function tokenizeTemplate(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open === -1) {
      push(tokens, 'text', text.slice(at));
      break;
    }
    if (open > 0 && text[open - 1] === '\\') {
      // `\{{` is a literal `{{`.
      push(tokens, 'text', text.slice(at, open + 2));
      at = open + 2;
      continue;
    }
    if (open > at) push(tokens, 'text', text.slice(at, open));
    push(tokens, 'brace', '{{');
    const close = findClose(text, open + 2);
    scanExpression(text.slice(open + 2, close === -1 ? text.length : close), tokens);
    if (close === -1) break;
    push(tokens, 'brace', '}}');
    at = close + 2;
  }
  return tokens;
}

/**
 * Where the `}}` closing an expression starts, skipping braces inside its strings and the
 * object constructors it opens (`{{ {"a": {"b": 1}} }}`); -1 if unclosed.
 */
export function findClose(text: string, from: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '{') {
      depth += 1;
    } else if (c === '}') {
      if (depth > 0) depth -= 1;
      else if (text[i + 1] === '}') return i;
    }
  }
  return -1;
}
