import type { ApiKeyRecord, SessionRecord, SigninTokenRecord } from './records.js';

/** API keys, browser sessions and sign-in tokens, by hash only: what auth/ reads and writes. */
export interface AccessStore {
  createApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  countApiKeys(): Promise<number>;
  /** Oldest first (hashes only, as stored). */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /**
   * Revokes a key: it, its sessions and its sign-in tokens go; with `keepOne`, never the only key
   * left (checked in the same transaction, so two revocations cannot both pass the check).
   */
  deleteApiKey(id: string, options?: { keepOne?: boolean }): Promise<'deleted' | 'missing' | 'last'>;
  createSession(record: SessionRecord): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  findSession(hash: string, now: number): Promise<SessionRecord | undefined>;
  deleteSession(hash: string): Promise<boolean>;
  createSigninToken(record: SigninTokenRecord): Promise<void>;
  /** Consumes an unexpired, unused token: its key id, or undefined (a token works once). */
  useSigninToken(hash: string, now: number): Promise<string | undefined>;
}
