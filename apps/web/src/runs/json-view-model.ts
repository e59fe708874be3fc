import type { JsonValue } from './types';

/**
 * The lazy JSON viewer's rules. Nothing here walks or stringifies a whole value: a 5 MB body
 * costs only what the person has opened. Children are listed a page at a time and long
 * strings are cut, each with a "show more".
 */

/** Children listed per page of an array or object. */
export const PAGE_SIZE = 100;
/** Characters of a string shown before "show more". */
export const STRING_CUT = 500;
/** Characters a "show more" adds to a string. */
export const STRING_STEP = 20_000;
/** Characters of a string in a one-line preview. */
const PREVIEW_CHARS = 60;

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}

export function isContainer(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null;
}

/** `1.2 MB`-style size of a character count (close enough to bytes for a label). */
export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} chars`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

/** How many children a container has, counting object keys only for objects (O(keys), no values). */
export function childCount(value: JsonValue[] | { [key: string]: JsonValue }): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** A one-line description of a value that never renders more than PREVIEW_CHARS of it. */
export function preview(value: JsonValue): string {
  switch (jsonKind(value)) {
    case 'array': {
      const n = (value as JsonValue[]).length;
      return `[ ${n} item${n === 1 ? '' : 's'} ]`;
    }
    case 'object': {
      const n = childCount(value as { [key: string]: JsonValue });
      return `{ ${n} key${n === 1 ? '' : 's'} }`;
    }
    case 'string': {
      const s = value as string;
      if (s.length <= PREVIEW_CHARS) return JSON.stringify(s);
      return `${JSON.stringify(s.slice(0, PREVIEW_CHARS))}… (${formatSize(s.length)})`;
    }
    default:
      return String(value);
  }
}

export interface ChildEntry {
  key: string;
  value: JsonValue;
}

export interface ChildPage {
  entries: ChildEntry[];
  total: number;
  /** Children not listed yet. */
  remaining: number;
}

/** The first `shown` children of a container; only those are read. */
export function childPage(value: JsonValue[] | { [key: string]: JsonValue }, shown: number): ChildPage {
  if (Array.isArray(value)) {
    const end = Math.min(shown, value.length);
    const entries: ChildEntry[] = [];
    for (let i = 0; i < end; i++) entries.push({ key: String(i), value: value[i] ?? null });
    return { entries, total: value.length, remaining: value.length - end };
  }
  const keys = Object.keys(value);
  const end = Math.min(shown, keys.length);
  const entries = keys.slice(0, end).map((key) => ({ key, value: value[key] ?? null }));
  return { entries, total: keys.length, remaining: keys.length - end };
}

/** The next number of children to show after a "show more". */
export function nextShown(shown: number, total: number): number {
  return Math.min(shown + PAGE_SIZE, total);
}

export interface StringCut {
  text: string;
  /** Characters not shown yet. */
  remaining: number;
}

export function cutString(s: string, shown: number): StringCut {
  if (s.length <= shown) return { text: s, remaining: 0 };
  return { text: s.slice(0, shown), remaining: s.length - shown };
}
