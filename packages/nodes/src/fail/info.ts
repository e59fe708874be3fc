import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** What a `fail` node claims when it names no category (its resolved params default to it). */
export const FAIL_DEFAULTS = { category: 'invalid_request' } as const;

/** What the editor shows of `fail`: no zod here (its params schema is in definition.ts). */
export const failInfo: NodeCatalogEntry = {
  type: 'fail',
  title: 'Fail',
  description: 'Fails with the given category and message (to end a branch on purpose).',
  group: 'logic',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  summary: (p) => shorten(`fail ${textOf(p.category) ?? FAIL_DEFAULTS.category}: ${textOf(p.message) ?? ''}`),
  starterParams: { message: 'failed on purpose' },
  docs: { params: '`category`, `message`', output: 'never succeeds', retrySafe: 'yes' },
};
