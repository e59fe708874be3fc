import { BINDINGS, FUNCTIONS } from './bindings';
import { findClose } from './tokens';

export interface Completion {
  /** What the list shows. */
  label: string;
  /** What replaces the typed word. */
  insert: string;
  detail?: string;
}

/** The suggestions for the word ending at the caret, and the range of text they replace. */
export interface CompletionList {
  from: number;
  to: number;
  items: Completion[];
}

const MAX_ITEMS = 12;

/** The start of the `{{ }}` expression the caret is in, or -1 when it is in literal text. */
export function expressionStartAt(text: string, caret: number): number {
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open === -1 || open + 2 > caret) return -1;
    if (open > 0 && text[open - 1] === '\\') {
      at = open + 2;
      continue;
    }
    const close = findClose(text, open + 2);
    if (close === -1 || close >= caret) return open + 2;
    at = close + 2;
  }
}

/**
 * Completions at the caret inside an expression: node ids after `$nodes.`, and bindings then
 * built-in functions after `$`. Nothing in literal text, and nothing once the word typed is
 * the only match.
 */
export function completionsAt(text: string, caret: number, nodeIds: readonly string[]): CompletionList | null {
  const start = expressionStartAt(text, caret);
  if (start === -1) return null;
  const before = text.slice(start, caret);
  const nodeWord = /\$nodes\.([A-Za-z0-9_]*)$/.exec(before);
  let items: Completion[];
  let from: number;
  if (nodeWord) {
    const typed = nodeWord[1]!;
    from = caret - typed.length;
    items = nodeIds.filter((id) => id.startsWith(typed)).map((id) => ({ label: id, insert: id, detail: 'node output' }));
  } else {
    const word = /\$[A-Za-z0-9_]*$/.exec(before);
    if (!word) return null;
    const typed = word[0];
    from = caret - typed.length;
    items = [
      ...BINDINGS.filter(([name]) => name.startsWith(typed)).map(([name, detail]) => ({ label: name, insert: name, detail })),
      ...FUNCTIONS.filter((name) => name.startsWith(typed)).map((name) => ({ label: `${name}()`, insert: `${name}(`, detail: 'function' })),
    ];
  }
  // The rest of the word after the caret is replaced too, so accepting never leaves a tail.
  const to = caret + (/^[A-Za-z0-9_]*/.exec(text.slice(caret))?.[0].length ?? 0);
  const typedWord = text.slice(from, to);
  if (items.length === 0 || (items.length === 1 && items[0]!.insert === typedWord)) return null;
  return { from, to, items: items.slice(0, MAX_ITEMS) };
}

/** The text and caret after accepting `item`. */
export function applyCompletion(text: string, list: CompletionList, item: Completion): { text: string; caret: number } {
  return { text: text.slice(0, list.from) + item.insert + text.slice(list.to), caret: list.from + item.insert.length };
}
