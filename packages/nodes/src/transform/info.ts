import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten } from '../shared/card-text.js';

/** What the editor shows of `transform`: no zod here (its params schema is in definition.ts). */
export const transformInfo: NodeCatalogEntry = {
  type: 'transform',
  title: 'Transform',
  description: 'Outputs the value of its expression.',
  group: 'logic',
  outputs: () => null,
  // Its expression can fail at run time (invalid_request), so a retry edge is allowed.
  canFail: true,
  isTrigger: false,
  summary: (p) => shorten(typeof p.expression === 'string' ? p.expression : JSON.stringify(p.expression ?? null)),
  starterParams: { expression: '{{ $input }}' },
  docs: { params: '`expression`', output: 'its value (`null` for undefined)', retrySafe: 'yes' },
};
