import type { AccessTokenSource, ResolvedCredential } from '@switchyard/engine';
import type { TokenGrant, TokenRequester } from '@switchyard/nodes';
import type { CredentialRecord, CredentialStore } from '../../ports/index.js';
import { encryptSecret } from '../cipher.js';
import { createOAuth2Tokens } from './oauth2-tokens.js';

export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/** How OAuth2 credentials get their access tokens. */
export interface OAuth2Settings {
  /** Sends token requests (through the SSRF guard). */
  requester: TokenRequester;
  /** Business time, for token expiry. */
  now(): number;
  /** Limit of one token request. @default 30 000 */
  timeoutMs?: number;
  /** Told when a refresh token the endpoint rotated could not be stored (never with the token). */
  onRotationNotStored?: (id: string, reason: string) => void;
}

/** How many of an entry's own ciphertexts it recognises (the newest rotations). */
const KNOWN_CIPHERTEXTS = 4;

interface Entry {
  tokens: AccessTokenSource;
  /**
   * Ciphertexts of this secret: as saved, and after each rotation this process stored. A row
   * holding another one was saved anew (or by someone else) and gets a new entry, so saving a
   * new secret always drops the cached token. Older ones are kept because a resolve may have
   * read the row just before a rotation was written.
   */
  known: string[];
}

export interface TokenSources {
  /** The credential's token source, kept across attempts while its secret stays the same. */
  resolve(record: CredentialRecord, fields: Record<string, string>): ResolvedCredential | undefined;
  /** Drops the cached tokens of a credential saved anew or deleted. */
  forget(id: string): void;
}

function grantOf(fields: Record<string, string>): TokenGrant | undefined {
  const { tokenUrl, clientId, clientSecret, scope, refreshToken } = fields;
  if (tokenUrl === undefined || clientId === undefined || clientSecret === undefined) return undefined;
  return { tokenUrl, clientId, clientSecret, scope, refreshToken };
}

/** The access-token caches of the OAuth2 credentials in use, one per credential. */
export function createTokenSources(store: Pick<CredentialStore, 'replaceCredentialSecret'>, key: Buffer, settings: OAuth2Settings): TokenSources {
  const entries = new Map<string, Entry>();

  /** Stores a rotated refresh token over the ciphertext this entry wrote last (compare and set). */
  async function storeRotation(id: string, entry: Entry, fields: Record<string, string>, refreshToken: string): Promise<void> {
    const ciphertext = encryptSecret(key, id, JSON.stringify({ ...fields, refreshToken }));
    const expected = entry.known.at(-1)!;
    entry.known = [...entry.known, ciphertext].slice(-KNOWN_CIPHERTEXTS);
    try {
      if (!(await store.replaceCredentialSecret(id, expected, ciphertext))) {
        settings.onRotationNotStored?.(id, 'the credential was saved anew or deleted meanwhile; its new secret stands');
      }
    } catch (err) {
      settings.onRotationNotStored?.(id, err instanceof Error ? err.message : 'the store refused the write');
    }
  }

  function newEntry(record: CredentialRecord, fields: Record<string, string>, grant: TokenGrant): Entry {
    const entry: Entry = {
      known: [record.ciphertext],
      tokens: createOAuth2Tokens({
        grant,
        requester: settings.requester,
        now: settings.now,
        timeoutMs: settings.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
        // Called only after the entry exists: on a token answer.
        storeRefreshToken: (refreshToken) => storeRotation(record.id, entry, fields, refreshToken),
      }),
    };
    return entry;
  }

  return {
    resolve(record, fields) {
      const grant = grantOf(fields);
      if (grant === undefined) return undefined;
      let entry = entries.get(record.id);
      if (entry === undefined || !entry.known.includes(record.ciphertext)) {
        entry = newEntry(record, fields, grant);
        entries.set(record.id, entry);
      }
      return { id: record.id, kind: 'oauth2', tokens: entry.tokens };
    },
    forget(id) {
      entries.delete(id);
    },
  };
}
