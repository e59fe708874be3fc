import type { AccessTokenResult, AccessTokenSource } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';

/** A token as the endpoint issued it; its lifetime undefined when the endpoint did not say. */
export type FetchResult = { ok: true; accessToken: string; expiresInMs: number | undefined } | { ok: false; failure: Failure };

export interface TokenCacheOptions {
  /** Business time (the server's clock; tests move a fake one). */
  now(): number;
  /** One token request; should not throw (a throw is an `internal` failure). */
  fetch(): Promise<FetchResult>;
}

/** At most this long before expiry a token is replaced. */
export const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * How long before a token's expiry it is replaced: a tenth of its lifetime, at most a minute,
 * so a request sent just before expiry does not arrive just after it, while a short-lived
 * token is still used for most of its life.
 */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_MARGIN_MS, Math.floor(lifetimeMs / 10));
}

interface Cached {
  accessToken: string;
  /** Used until then; Infinity when the endpoint gave no expiry (an upstream's refusal renews it). */
  freshUntil: number;
}

/**
 * One credential's access token: cached until a little before it expires, and fetched by one
 * request at a time (single flight), however many attempts ask at once. A failed fetch is not
 * cached: its callers all get the failure, and the next caller asks again.
 */
export function createTokenCache(options: TokenCacheOptions): AccessTokenSource {
  let cached: Cached | undefined;
  let inFlight: Promise<AccessTokenResult> | undefined;

  const fresh = (): Cached | undefined => (cached !== undefined && options.now() < cached.freshUntil ? cached : undefined);

  const fetchShared = (): Promise<AccessTokenResult> => {
    if (inFlight !== undefined) return inFlight;
    // The lifetime counts from the request, not the answer: the endpoint started it then at the latest.
    const askedAt = options.now();
    const settle = (result: AccessTokenResult): AccessTokenResult => {
      inFlight = undefined;
      return result;
    };
    inFlight = options.fetch().then(
      (result) => {
        if (!result.ok) return settle(result);
        const lifetime = result.expiresInMs;
        cached = { accessToken: result.accessToken, freshUntil: lifetime === undefined ? Infinity : askedAt + lifetime - refreshMargin(lifetime) };
        return settle({ ok: true, accessToken: result.accessToken });
      },
      (err: unknown) => settle({ ok: false, failure: failure('internal', `the token request failed unexpectedly: ${err instanceof Error ? err.name : 'unknown error'}`) }),
    );
    return inFlight;
  };

  return {
    current() {
      const hit = fresh();
      return hit === undefined ? fetchShared() : Promise.resolve({ ok: true, accessToken: hit.accessToken });
    },
    renew(rejected) {
      const hit = fresh();
      // Another attempt already replaced the refused token: use its replacement.
      if (hit !== undefined && hit.accessToken !== rejected) return Promise.resolve({ ok: true, accessToken: hit.accessToken });
      if (cached?.accessToken === rejected) cached = undefined;
      // A request in flight brings a new token too: join it rather than send another.
      return fetchShared();
    },
  };
}
