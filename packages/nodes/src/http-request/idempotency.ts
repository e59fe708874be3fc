/** Methods that are retry-safe without a key (semantics.md, "Durability"). */
const RETRY_SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** The default key is sent for every method but GET and HEAD; an explicit policy key always. */
export function sendsIdempotencyKey(method: string, explicit: boolean): boolean {
  return explicit || (method !== 'GET' && method !== 'HEAD');
}

/** Retry-safe: an idempotent method, or a request that carries an idempotency key. */
export function isRetrySafe(method: string, explicit: boolean): boolean {
  return RETRY_SAFE_METHODS.has(method) || sendsIdempotencyKey(method, explicit);
}

/**
 * The method of params as given to the engine's questions; a template method (not known before
 * evaluation) reads as `POST`, the method that needs the most care.
 */
export function methodOf(params: unknown): string {
  const method = typeof params === 'object' && params !== null ? (params as { method?: unknown }).method : undefined;
  if (method === undefined) return 'GET';
  return typeof method === 'string' && /^[A-Za-z]+$/.test(method) ? method.toUpperCase() : 'POST';
}
