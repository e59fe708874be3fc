/**
 * The format's constants without zod: what a client needs to draw and edit a workflow (ids,
 * categories, defaults) can be imported without loading the schemas and the validator. The zod
 * schemas in categories.ts and workflow.ts are built from these, so each value is defined once.
 */

/** The eleven error categories of semantics.md. Every failure is classified once, where it happens. */
export const ERROR_CATEGORY_NAMES = [
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
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORY_NAMES)[number];

export const ERROR_CATEGORIES: readonly ErrorCategory[] = ERROR_CATEGORY_NAMES;

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

/**
 * Categories the engine alone decides (an open breaker, a locked credential, a cancel, its own
 * fault): a workflow cannot claim them, so a `fail` node may use every other category.
 */
export const ENGINE_DECIDED_CATEGORIES: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>([
  'circuit_open',
  'credential_locked',
  'cancelled',
  'internal',
]);

/** Default `on` of a fallback edge: every category but `cancelled`. */
export const FALLBACK_DEFAULT_CATEGORIES: readonly ErrorCategory[] = ERROR_CATEGORIES.filter(
  (c) => c !== 'cancelled',
);

/**
 * JSONata and JavaScript words a node id may not be: `$nodes.<id>` must work in expressions.
 * Not `in`: JSONata parses `$nodes.in`, and the spec example branch-and-join.json names its trigger `in`.
 */
export const RESERVED_NODE_IDS: ReadonlySet<string> = new Set([
  'and', 'or', 'true', 'false', 'null', 'function', '__proto__', 'constructor', 'prototype',
]);

export const NODE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const INTEGRATION_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const POLICY_DEFAULTS = {
  timeoutMs: 30_000,
  onFailure: 'fail',
  lastKnownGoodKey: '',
  deferCheckEveryMs: 30_000,
} as const;

export const RETRY_DEFAULTS = {
  backoff: 'exponential',
  initialDelayMs: 1000,
  multiplier: 2,
  maxDelayMs: 60_000,
  jitter: 'full',
  maxRetryAfterMs: 300_000,
} as const;

/** Size limits: a clear error at save time instead of a hanging editor or engine (RELIABILITY G4). */
export const WORKFLOW_LIMITS = { maxNodes: 2000, maxEdges: 10_000 } as const;

/** Fields the server adds to a stored workflow; ignored when a client sends them. */
export const SERVER_WORKFLOW_FIELDS = ['id', 'version', 'active', 'createdAt', 'updatedAt', 'warnings'] as const;
