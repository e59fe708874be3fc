import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten } from '../shared/card-text.js';

/** The field names a `set` node's params name, for its card. */
function fieldNames(fields: unknown): string[] {
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? Object.keys(fields) : [];
}

/** What the editor shows of `set`: no zod here (its params schema is in definition.ts). */
export const setInfo: NodeCatalogEntry = {
  type: 'set',
  title: 'Set fields',
  description: 'Sets fields on its input object from values and templates, and passes it on.',
  group: 'logic',
  outputs: () => null,
  // A field's template can fail, or keepInput evaluate to a non-boolean (invalid_request).
  canFail: true,
  isTrigger: false,
  summary: (p) => shorten(`set ${fieldNames(p.fields).join(', ')}`),
  starterParams: { fields: { status: 'done' } },
  docs: {
    params: '`fields` (name → value or template), `keepInput` (default `true`)',
    output: 'its input object with the fields set over it (only the fields when `keepInput` is `false` or the input is not an object)',
    retrySafe: 'yes',
  },
};
