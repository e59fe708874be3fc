import { z } from 'zod';
import { ErrorCategory } from './categories.js';

/** A failure is a value: classified once where it happened; nothing downstream re-inspects HTTP. */
export const Failure = z.strictObject({
  category: ErrorCategory,
  message: z.string(),
  httpStatus: z.number().int().optional(),
  /** An upstream's Retry-After, in ms from the failure. A lower bound on the next retry's delay. */
  retryAfterMs: z.number().nonnegative().optional(),
});
export type Failure = z.infer<typeof Failure>;

export function failure(
  category: ErrorCategory,
  message: string,
  extra: { httpStatus?: number; retryAfterMs?: number } = {},
): Failure {
  const f: Failure = { category, message };
  if (extra.httpStatus !== undefined) f.httpStatus = extra.httpStatus;
  if (extra.retryAfterMs !== undefined) f.retryAfterMs = extra.retryAfterMs;
  return f;
}
