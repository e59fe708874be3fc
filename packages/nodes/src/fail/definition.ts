import { ENGINE_DECIDED_CATEGORIES, ERROR_CATEGORIES, z } from '@switchyard/schema';
import type { ErrorCategory, NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { FAIL_DEFAULTS, failInfo } from './info.js';

export { FAIL_DEFAULTS } from './info.js';

/**
 * Categories a `fail` node may claim: all but those the engine alone decides (`circuit_open`,
 * `credential_locked`, `cancelled`, `internal`), which a workflow cannot fake.
 */
export const FAIL_CATEGORIES: readonly ErrorCategory[] = ERROR_CATEGORIES.filter((c) => !ENGINE_DECIDED_CATEGORIES.has(c));

const Category = z.enum(FAIL_CATEGORIES, { error: `category is one of ${FAIL_CATEGORIES.join(', ')}` });
const Message = z
  .string({ error: (issue) => (issue.input === undefined ? 'message is required' : 'message is a string') })
  .min(1, 'message is required')
  .max(10_000, 'message is at most 10000 characters');

/** `fail` params as authored. */
export const FailParams = strictParams({
  category: typed(Category, `one of ${FAIL_CATEGORIES.join(', ')}`).optional(),
  message: Message,
});

/** After evaluation. */
export const FailResolvedParams = strictParams({
  category: Category.default(FAIL_DEFAULTS.category),
  message: Message,
});

export const failDefinition: NodeDefinition = { ...failInfo, params: FailParams };
