/** Helpers for the one-line summaries on node cards (each type's `summary` in its info.ts). No imports: the catalog loads it. */

/** A param as card text: strings, numbers and booleans; anything else is not shown. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** On one line, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max = 34): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The path of a URL, also out of the common template `{{ $integration.baseUrl & '/charges' }}`. */
export function urlPath(url: string): string {
  const literal = [...url.matchAll(/'(\/[^']*)'|"(\/[^"]*)"/g)].map((m) => m[1] ?? m[2]).find((p) => p !== undefined);
  if (literal !== undefined) return literal;
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' ? parsed.host : `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}
