import type { NodeDefinition } from '@switchyard/schema';
import { expect } from 'vitest';

export interface SimpleIssue {
  path: Array<string | number>;
  message: string;
}

/** The issues a definition's params schema reports, as `{ path, message }`. */
export function issuesOf(definition: NodeDefinition, params: unknown): SimpleIssue[] {
  const result = definition.params.safeParse(params);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

export function expectValid(definition: NodeDefinition, params: unknown): void {
  expect(issuesOf(definition, params)).toEqual([]);
}
