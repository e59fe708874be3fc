import { randomBytes } from 'node:crypto';
import type { Clock } from '@switchyard/engine';
import type { AccessStore } from '../ports/index.js';
import { constantTimeEqual } from '../webhooks/verify-auth.js';
import { hashSecret, newSecret } from './tokens.js';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const SIGNIN_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const BOOTSTRAP_KEY_NAME = 'bootstrap';

export interface Principal {
  keyName: string;
  via: 'bearer' | 'session';
}

export interface AuthService {
  /** Checks a Bearer API key (the bootstrap key or a stored one). */
  checkApiKey(secret: string): Promise<Principal | undefined>;
  checkSession(cookie: string): Promise<Principal | undefined>;
  /** Creates an API key; the secret is answered once and only its hash is stored. */
  createApiKey(name: string): Promise<{ id: string; secret: string }>;
  /** A session for a valid API key or an unused sign-in token; answers the cookie value. */
  signIn(credentials: { apiKey: string } | { token: string }): Promise<string | undefined>;
  signOut(cookie: string): Promise<void>;
  /** A one-time sign-in token for the key (valid 24 h). */
  createSigninToken(apiKeyId: string): Promise<string>;
  /** Whether any key exists (a configured bootstrap key counts). */
  hasAnyKey(): Promise<boolean>;
  /** Stored keys, oldest first: id, name and creation time, never a secret or a hash. */
  listApiKeys(): Promise<Array<{ id: string; name: string; createdAt: number }>>;
  /**
   * Revokes a stored key and ends its sessions. 'last' when it is the only way in left (no other
   * key and no SWITCHYARD_API_KEY): the server would otherwise be locked; false for no such key.
   */
  revokeApiKey(id: string): Promise<true | false | 'last'>;
}

/**
 * API keys as Bearer tokens and browser sessions, all stored as SHA-256 hashes. A configured
 * SWITCHYARD_API_KEY is accepted too; it is compared in constant time and never stored.
 */
export function createAuthService(store: AccessStore, clock: Clock, bootstrapKey: string | undefined): AuthService {
  const BOOTSTRAP_ID = 'bootstrap';
  const keyName = async (apiKeyId: string): Promise<string | undefined> =>
    apiKeyId === BOOTSTRAP_ID ? (bootstrapKey ? BOOTSTRAP_KEY_NAME : undefined) : (await store.getApiKey(apiKeyId))?.name;

  const checkKey = async (secret: string): Promise<{ id: string; name: string } | undefined> => {
    if (bootstrapKey && constantTimeEqual(secret, bootstrapKey)) return { id: BOOTSTRAP_ID, name: BOOTSTRAP_KEY_NAME };
    const record = await store.findApiKeyByHash(hashSecret(secret));
    return record ? { id: record.id, name: record.name } : undefined;
  };

  const openSession = async (apiKeyId: string): Promise<string> => {
    const cookie = newSecret('sys_');
    const now = clock.now();
    await store.createSession({ hash: hashSecret(cookie), apiKeyId, createdAt: now, expiresAt: now + SESSION_TTL_MS });
    return cookie;
  };

  return {
    async checkApiKey(secret) {
      const key = await checkKey(secret);
      return key ? { keyName: key.name, via: 'bearer' } : undefined;
    },
    async checkSession(cookie) {
      const session = await store.findSession(hashSecret(cookie), clock.now());
      if (!session) return undefined;
      const name = await keyName(session.apiKeyId);
      return name === undefined ? undefined : { keyName: name, via: 'session' };
    },
    async createApiKey(name) {
      const id = `key_${randomBytes(8).toString('hex')}`;
      const secret = newSecret('sy_');
      await store.createApiKey({ id, name, hash: hashSecret(secret), createdAt: clock.now() });
      return { id, secret };
    },
    async signIn(credentials) {
      if ('apiKey' in credentials) {
        const key = await checkKey(credentials.apiKey);
        return key ? openSession(key.id) : undefined;
      }
      const apiKeyId = await store.useSigninToken(hashSecret(credentials.token), clock.now());
      return apiKeyId === undefined ? undefined : openSession(apiKeyId);
    },
    async signOut(cookie) {
      await store.deleteSession(hashSecret(cookie));
    },
    async createSigninToken(apiKeyId) {
      const token = newSecret('syt_');
      await store.createSigninToken({ hash: hashSecret(token), apiKeyId, expiresAt: clock.now() + SIGNIN_TOKEN_TTL_MS });
      return token;
    },
    async hasAnyKey() {
      return Boolean(bootstrapKey) || (await store.countApiKeys()) > 0;
    },
    async listApiKeys() {
      return (await store.listApiKeys()).map((k) => ({ id: k.id, name: k.name, createdAt: k.createdAt }));
    },
    async revokeApiKey(id) {
      // Without a configured key, the last stored one is the only way in: the store keeps it.
      const result = await store.deleteApiKey(id, { keepOne: !bootstrapKey });
      return result === 'deleted' ? true : result === 'last' ? 'last' : false;
    },
  };
}
