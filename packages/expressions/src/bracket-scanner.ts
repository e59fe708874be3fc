/**
 * A cheap necessary condition for "this text parses as JSONata": outside strings, quoted names
 * and comments, its brackets balance. Used to skip `}}` candidates without parsing them (a
 * segment full of nested object constructors would otherwise cost one full parse per `}}`).
 *
 * It follows JSONata's tokenizer only as far as it can be sure: a `/` that does not start a
 * comment may be division or a regex literal, depending on the token before it, so from there on
 * it answers `maybe` and every candidate is parsed.
 */
export type Verdict =
  /** Worth parsing. */
  | 'maybe'
  /** This candidate cannot parse (open string, comment or bracket), a longer one might. */
  | 'never'
  /** Neither this nor any longer candidate can parse: a closing bracket nothing opened. */
  | 'none-later';

type State = 'code' | 'single' | 'double' | 'name' | 'comment';

const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);

export class BracketScanner {
  readonly #text: string;
  #pos: number;
  #state: State = 'code';
  #depth = 0;
  #unbalanced = false;
  #unsure = false;

  /** Scans `text` from `start`, the first character of a segment's expression. */
  constructor(text: string, start: number) {
    this.#text = text;
    this.#pos = start;
  }

  /**
   * Whether the text from the start up to `end` (exclusive) might parse. `end` never decreases
   * between calls, so a whole segment search scans each character once. The character at `end`
   * is the `}` of a candidate `}}`, so no two-character token (`/*`, `*\/`, an escape) can
   * straddle the end of the candidate.
   */
  verdictAt(end: number): Verdict {
    this.#advanceTo(end);
    if (this.#unbalanced) return 'none-later';
    if (this.#unsure) return 'maybe';
    return this.#state === 'code' && this.#depth === 0 ? 'maybe' : 'never';
  }

  #advanceTo(end: number): void {
    const text = this.#text;
    while (this.#pos < end && !this.#unsure && !this.#unbalanced) {
      const char = text[this.#pos] as string;
      const next = text[this.#pos + 1];
      this.#pos++;
      switch (this.#state) {
        case 'single':
        case 'double':
          if (char === '\\') this.#pos++;
          else if (char === (this.#state === 'single' ? "'" : '"')) this.#state = 'code';
          break;
        case 'name':
          if (char === '`') this.#state = 'code';
          break;
        case 'comment':
          if (char === '*' && next === '/') {
            this.#pos++;
            this.#state = 'code';
          }
          break;
        case 'code':
          if (char === "'") this.#state = 'single';
          else if (char === '"') this.#state = 'double';
          else if (char === '`') this.#state = 'name';
          else if (char === '/') {
            if (next === '*') {
              this.#pos++;
              this.#state = 'comment';
            } else {
              this.#unsure = true;
            }
          } else if (OPENERS.has(char)) this.#depth++;
          else if (CLOSERS.has(char) && --this.#depth < 0) this.#unbalanced = true;
          break;
      }
    }
  }
}
