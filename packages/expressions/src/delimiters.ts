import { BracketScanner } from './bracket-scanner.js';
import { TemplateSyntaxError } from './errors.js';
import type { Template } from './template-types.js';

/** Why a candidate segment source does not parse; `position` is an offset in that source. */
export interface SegmentProblem {
  readonly message: string;
  readonly position?: number | undefined;
  /** True when no longer candidate (this source, `}}`, more text) can parse either. */
  readonly conclusive?: boolean;
  /** A longer candidate can only parse if it contains one of these after this one's end. */
  readonly terminators?: readonly string[] | undefined;
}

/** Says whether `source` parses as JSONata: undefined when it does. */
export type SegmentCheck = (source: string) => SegmentProblem | undefined;

const OPEN = '{{';
const CLOSE = '}}';

/**
 * Whether the text has an opening `{{` that is not escaped as `\{{`. Every such opening either
 * starts a segment or makes the template invalid, so this is "is a template" without parsing.
 */
export function hasSegmentOpening(text: string): boolean {
  let from = 0;
  for (;;) {
    const open = text.indexOf(OPEN, from);
    if (open === -1) return false;
    if (open === 0 || text[open - 1] !== '\\') return true;
    // `\{{` is a literal `{{`; both braces are used up, so `\{{{` holds no opening either.
    from = open + OPEN.length;
  }
}

/**
 * Where to look for the next `}}` after a failed candidate ending at `close`: the next one
 * (overlapping, `close + 1`), or, when the candidate ended inside a string, comment or the like,
 * only past a character that could end it; -1 when nothing could.
 */
function nextCandidateFrom(text: string, close: number, terminators: readonly string[] | undefined): number {
  if (terminators === undefined) return close + 1;
  let next = -1;
  for (const terminator of terminators) {
    const at = text.indexOf(terminator, close);
    if (at !== -1 && (next === -1 || at + terminator.length < next)) next = at + terminator.length;
  }
  return next === -1 ? -1 : Math.max(next, close + 1);
}

interface Closing {
  readonly close: number;
}

/** Turns off the shortcuts past failed candidates: tests compare the two ways. */
export interface ScanOptions {
  readonly exhaustive?: boolean;
}

/**
 * The end of the segment whose expression starts at `start`: the first `}}` at which the text
 * since `start` parses. Candidates may overlap (in `}}}` both pairs are tried), so the closing
 * braces of an object constructor or a `}}` inside a string literal do not end the segment early.
 *
 * Trying every `}}` with a full parse is quadratic in the template's length when many fail (an
 * invalid opening followed by many `}}`, deeply nested constructors). So, after the first
 * candidate (always parsed: its error is the one reported), candidates are skipped when the
 * bracket scan or the previous failure shows they cannot parse. Neither shortcut changes which
 * `}}` is found or what is reported (a property test checks this against the exhaustive search).
 */
function findClosing(text: string, open: number, check: SegmentCheck, options: ScanOptions): Closing {
  const start = open + OPEN.length;
  const brackets = options.exhaustive === true ? undefined : new BracketScanner(text, start);
  let first: { close: number; problem: SegmentProblem; source: string } | undefined;
  for (let close = text.indexOf(CLOSE, start); close !== -1; ) {
    if (first !== undefined && brackets !== undefined) {
      const verdict = brackets.verdictAt(close);
      if (verdict === 'none-later') break;
      if (verdict === 'never') {
        close = text.indexOf(CLOSE, close + 1);
        continue;
      }
    }
    const source = text.slice(start, close);
    const problem = check(source);
    if (problem === undefined) return { close };
    first ??= { close, problem, source };
    let next = close + 1;
    if (options.exhaustive !== true) {
      if (problem.conclusive === true) break;
      next = nextCandidateFrom(text, close, problem.terminators);
      if (next === -1) break;
    }
    close = text.indexOf(CLOSE, next);
  }
  if (first === undefined) {
    throw new TemplateSyntaxError(`unclosed "{{" at offset ${open}: no "}}" follows it`, open);
  }
  if (first.source.trim() === '') {
    throw new TemplateSyntaxError(`empty expression "{{${first.source}}}" at offset ${open}`, open);
  }
  // Report what is wrong up to the first `}}`: that is the reading the author most likely meant.
  const at = first.problem.position === undefined ? open : start + first.problem.position;
  throw new TemplateSyntaxError(
    `invalid expression in the "{{" at offset ${open}: no "}}" after it closes a valid JSONata expression; ` +
      `up to the first "}}" (offset ${first.close}): ${first.problem.message} (at offset ${at})`,
    at,
  );
}

const WHITE_SPACE = /^\s*$/;

/**
 * Splits a template into literal text and segments (see README: delimiter rules). Scans left to
 * right: `\{{` is a literal `{{`, any other `{{` opens a segment. Throws TemplateSyntaxError.
 */
export function scanTemplate(text: string, check: SegmentCheck, options: ScanOptions = {}): Template {
  const parts: Array<string | { source: string }> = [];
  let literal = '';
  let segments = 0;
  let pos = 0;
  for (;;) {
    const open = text.indexOf(OPEN, pos);
    if (open === -1) break;
    if (open > pos && text[open - 1] === '\\') {
      literal += text.slice(pos, open - 1) + OPEN;
      pos = open + OPEN.length;
      continue;
    }
    const { close } = findClosing(text, open, check, options);
    literal += text.slice(pos, open);
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push({ source: text.slice(open + OPEN.length, close) });
    segments++;
    pos = close + CLOSE.length;
  }
  literal += text.slice(pos);
  if (segments === 0) return { kind: 'literal', text: literal };
  if (literal !== '') parts.push(literal);
  if (segments === 1) {
    const single = parts.every((part) => typeof part !== 'string' || WHITE_SPACE.test(part));
    const segment = parts.find((part) => typeof part !== 'string');
    if (single && segment !== undefined && typeof segment !== 'string') return { kind: 'single', source: segment.source };
  }
  return { kind: 'interpolated', parts };
}
