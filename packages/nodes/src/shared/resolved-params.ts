import { failure } from '@switchyard/schema';
import type { Failure, z } from '@switchyard/schema';

/** Where an issue is, as authors write it: `expect.status[1]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The issues of a failed parse as one message: `status: expected …; url: …`. */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const where = formatIssuePath(issue.path);
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join('; ');
}

export type ParsedParams<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/**
 * Re-checks params after template evaluation: a typed param whose template produced the wrong
 * type fails the node with `invalid_request` (workflow-format.md, "Types").
 */
export function parseResolvedParams<T extends z.ZodType>(schema: T, params: unknown): ParsedParams<z.output<T>> {
  const result = schema.safeParse(params ?? {});
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, failure: failure('invalid_request', `invalid params: ${formatIssues(result.error.issues)}`) };
}
