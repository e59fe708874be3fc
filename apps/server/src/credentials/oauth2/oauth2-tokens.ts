import type { AccessTokenSource } from '@switchyard/engine';
import type { TokenGrant, TokenRequester } from '@switchyard/nodes';
import { createTokenCache } from './token-cache.js';

export interface OAuth2TokensOptions {
  /** The credential's decrypted settings and secrets. */
  grant: TokenGrant;
  requester: TokenRequester;
  now(): number;
  /** Limit of one token request. */
  timeoutMs: number;
  /**
   * Stores a refresh token the endpoint rotated (encrypted, beside the other secrets). Awaited
   * before the new access token is handed out, so rotations are stored in the order they
   * happened; a failure is the caller's to log, and does not fail the token.
   */
  storeRefreshToken(refreshToken: string): Promise<void>;
}

/**
 * The access tokens of one saved OAuth2 credential: client credentials, or the refresh-token
 * grant when it has a refresh token. A refresh token the endpoint rotates replaces the one in
 * use at once (the old one may already be void) and is stored for the next start. A refresh
 * token sent in answer to a client-credentials grant is ignored: that grant needs none
 * (RFC 6749 §4.4.3).
 */
export function createOAuth2Tokens(options: OAuth2TokensOptions): AccessTokenSource {
  let refreshToken = options.grant.refreshToken;
  return createTokenCache({
    now: options.now,
    async fetch() {
      const result = await options.requester.request({ ...options.grant, refreshToken }, { timeoutMs: options.timeoutMs, now: options.now() });
      if (!result.ok) return result;
      const rotated = result.token.refreshToken;
      if (refreshToken !== undefined && rotated !== undefined && rotated !== refreshToken) {
        refreshToken = rotated;
        await options.storeRefreshToken(rotated);
      }
      return { ok: true, accessToken: result.token.accessToken, expiresInMs: result.token.expiresInMs };
    },
  });
}
