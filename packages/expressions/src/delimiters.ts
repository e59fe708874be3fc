import { TemplateSyntaxError } from './errors.js';
import type { Template } from './template-types.js';

/** Why a candidate segment source does not parse; `position` is an offset in that source. */
export interface SegmentProblem {
  readonly message: string;
  readonly position?: number | undefined;
  /** True when no longer candidate (this source, `}}`, more text) can parse either. */
  readonly conclusive?: boolean;
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

interface Closing {
  readonly close: number;
}

/**
 * The end of the segment whose expression starts at `start`: the first `}}` at which the text
 * since `start` parses. Candidates may overlap (in `}}}` both pairs are tried), so the closing
 * braces of an object constructor or a `}}` inside a string literal do not end the segment early.
 */
function findClosing(text: string, open: number, check: SegmentCheck): Closing {
  const start = open + OPEN.length;
  let first: { close: number; problem: SegmentProblem; source: string } | undefined;
  for (let close = text.indexOf(CLOSE, start); close !== -1; close = text.indexOf(CLOSE, close + 1)) {
    const source = text.slice(start, close);
    const problem = check(source);
    if (problem === undefined) return { close };
    first ??= { close, problem, source };
    if (problem.conclusive === true) break;
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
export function scanTemplate(text: string, check: SegmentCheck): Template {
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
    const { close } = findClosing(text, open, check);
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
