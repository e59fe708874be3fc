// Optimistic concurrency for versioned resources (RFC 9110 §8.8.3, §13.1.1): a workflow's ETag
// is its version, and a save that names the version it was based on (If-Match) is refused with
// 412 when someone else saved meanwhile, instead of silently dropping their change.
import { ApiError } from './api-error.js';

/** The strong entity tag of a resource at `version`: `"3"`. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * What an If-Match header asks for: `undefined` (absent: unconditional), `'any'` (`*`), or the
 * versions it names. Weak tags (`W/"3"`) never match under If-Match's strong comparison.
 */
export function parseIfMatch(header: string | undefined): undefined | 'any' | number[] {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return 'any';
  const versions: number[] = [];
  for (const part of header.split(',')) {
    const tag = part.trim();
    if (tag.startsWith('W/')) continue;
    const match = /^"([1-9][0-9]{0,15})"$/.exec(tag);
    if (!match) throw new ApiError('invalid_request', `If-Match: ${JSON.stringify(tag.slice(0, 40))} is not an entity tag of this API (use the ETag of the GET, e.g. "3")`);
    versions.push(Number(match[1]));
  }
  return versions;
}

/** Whether an If-None-Match header already holds `version` (so a GET may answer 304). */
export function noneMatchHolds(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  const tag = versionEtag(version);
  return header.split(',').some((part) => {
    const t = part.trim();
    return t === '*' || t === tag || t === `W/${tag}`;
  });
}
