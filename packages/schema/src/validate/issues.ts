import type { Workflow } from '../workflow.js';

export type IssuePath = Array<string | number>;

/** One located problem: `path` points into the workflow as authored (http-api.md `invalid_workflow`). */
export interface ValidationIssue {
  path: IssuePath;
  message: string;
  code: string;
}

export type ValidationResult =
  | { ok: true; workflow: Workflow; warnings: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[]; warnings: ValidationIssue[] };

/** What the caller knows is registered; unknown references become warnings, not errors. */
export interface ValidationContext {
  integrations?: ReadonlySet<string>;
  credentials?: ReadonlySet<string>;
}

export function issue(path: IssuePath, code: string, message: string): ValidationIssue {
  return { path, code, message };
}

/** What went wrong, for a message; never throws itself (a thrown value may be anything). */
export function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unprintable error';
  }
}

function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Numbers (array indexes) sort before keys so that a path order is total and stable.
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePaths(a: IssuePath, b: IssuePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareSegments(a[i] as string | number, b[i] as string | number);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  const byPath = comparePaths(a.path, b.path);
  if (byPath !== 0) return byPath;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Sorted by path, then code and message, without duplicates: the same input always reads the same. */
export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const sorted = [...issues].sort(compareIssues);
  return sorted.filter((it, i) => i === 0 || compareIssues(it, sorted[i - 1] as ValidationIssue) !== 0);
}
