import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { textOf } from '../shared/card-text.js';

/** What the editor shows of `respond`: no zod here (its params schema is in definition.ts). */
export const respondInfo: NodeCatalogEntry = {
  type: 'respond',
  title: 'Respond',
  description: 'Answers a sync webhook with a status, headers and a body.',
  group: 'logic',
  outputs: () => null,
  // A status given as a template can evaluate to a wrong value (invalid_request).
  canFail: true,
  isTrigger: false,
  summary: (p) => `respond ${textOf(p.status) ?? '200'}`,
  starterParams: { status: 200, body: '{{ $input }}' },
  docs: { params: '`status`, `headers`, `body`', output: '`{ status, headers, body }`', retrySafe: 'yes' },
};
