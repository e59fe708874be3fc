import { z } from 'zod';

/** The eleven error categories of semantics.md. Every failure is classified once, where it happens. */
export const ErrorCategory = z.enum([
  'timeout',
  'network',
  'server',
  'rate_limited',
  'auth',
  'invalid_request',
  'invalid_response',
  'circuit_open',
  'credential_locked',
  'cancelled',
  'internal',
]);
export type ErrorCategory = z.infer<typeof ErrorCategory>;

export const ERROR_CATEGORIES: readonly ErrorCategory[] = ErrorCategory.options;

/** Retryable by default (semantics.md, "Error categories"): the default `on` of a retry edge. */
export const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>([
  'timeout',
  'network',
  'server',
  'rate_limited',
]);

/** Availability failures: what `defer` waits out and what feeds an integration's breaker. */
export const AVAILABILITY_CATEGORIES: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>([
  'timeout',
  'network',
  'server',
  'rate_limited',
  'circuit_open',
]);

/** Default `on` of a fallback edge: every category but `cancelled`. */
export const FALLBACK_DEFAULT_CATEGORIES: readonly ErrorCategory[] = ERROR_CATEGORIES.filter(
  (c) => c !== 'cancelled',
);
