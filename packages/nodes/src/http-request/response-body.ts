import type { Json } from '@switchyard/schema';

export type ResponseType = 'auto' | 'json' | 'text';

/** A response body as read: the value for the output, its text, and a JSON error if any. */
export interface DecodedBody {
  /** Parsed JSON, the text, or null for an empty body. */
  value: Json | null;
  text: string;
  /** Set when JSON was expected and the body does not parse. */
  jsonError?: string;
}

/** `application/json`, `text/json` and `application/<something>+json`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[\w.-]+\+json$/.test(mediaType);
}

function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match?.[1] ?? 'utf-8';
}

function decodeText(bytes: Buffer, contentType: string | undefined): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is the best guess.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Deeper JSON is refused: JSON.stringify (the store, the history) recurses and would overflow. */
export const MAX_JSON_DEPTH = 1_000;

/** Nesting depth of a JSON value, counted without recursion. */
function depthOf(value: Json): number {
  let max = 0;
  const stack: Array<[Json, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [Json, number];
    if (current === null || typeof current !== 'object') continue;
    max = Math.max(max, depth);
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Decodes a body by `responseType`: auto is JSON when the response says JSON, else text. */
export function decodeBody(bytes: Buffer, contentType: string | undefined, responseType: ResponseType): DecodedBody {
  if (bytes.length === 0) return { value: null, text: '' };
  const text = decodeText(bytes, contentType);
  const wantsJson = responseType === 'json' || (responseType === 'auto' && isJsonContentType(contentType));
  if (!wantsJson) return { value: text, text };
  try {
    const value = JSON.parse(text) as Json;
    if (depthOf(value) > MAX_JSON_DEPTH) return { value: text, text, jsonError: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    return { value, text };
  } catch (error) {
    return { value: text, text, jsonError: error instanceof Error ? error.message : String(error) };
  }
}

/** The start of a body for a failure message: one line, at most 200 characters. */
export function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
