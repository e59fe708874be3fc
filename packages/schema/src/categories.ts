import { z } from 'zod';
import { ERROR_CATEGORY_NAMES } from './constants.js';

export {
  ERROR_CATEGORIES,
  RETRYABLE_BY_DEFAULT,
  AVAILABILITY_CATEGORIES,
  FALLBACK_DEFAULT_CATEGORIES,
  ENGINE_DECIDED_CATEGORIES,
} from './constants.js';

/** The eleven error categories of semantics.md (the names: constants.ts). */
export const ErrorCategory = z.enum(ERROR_CATEGORY_NAMES);
export type ErrorCategory = z.infer<typeof ErrorCategory>;
