import { z } from '@switchyard/schema';

// An unescaped `{{` opens a template segment (`\{{` is a literal, workflow-format.md "Expressions").
const TEMPLATE_OPENING = /(^|[^\\])\{\{/;

/** Whether a param string is a template (contains an unescaped `{{`). */
export function isTemplateString(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATE_OPENING.test(value);
}

// Aborting, so that in a union the typed option's own message wins for a non-template string.
const templateString = z.string().refine(isTemplateString, { message: 'not a {{ template }}', abort: true });

/**
 * A typed param as authored: its value, or a template string whose result is checked after
 * evaluation (a mismatch then fails the node with `invalid_request`).
 */
export function typed<T extends z.ZodType>(schema: T, expected: string) {
  return z.union([templateString, schema], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      return issue.input === undefined ? `required: ${expected}, or a {{ template }}` : `expected ${expected}, or a {{ template }}`;
    },
  });
}
