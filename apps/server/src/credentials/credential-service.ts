import type { CredentialPort, ResolvedCredential } from '@switchyard/engine';
import type { CredentialRecord, CredentialStore, LockPolicy } from '../ports/index.js';
import { CredentialCorruptError, decryptSecret, encryptSecret } from './cipher.js';
import { secretFields, type CredentialInput } from './credential-input.js';
import { createTokenSources } from './oauth2/token-sources.js';
import type { OAuth2Settings } from './oauth2/token-sources.js';

/** What the API shows of a credential: never a secret. */
export interface CredentialView {
  id: string;
  name: string;
  kind: string;
  status: 'ok' | 'locked';
  /** Present while locked. */
  lockedAt?: string;
  /** Started when the credential is locked; null: none. */
  recoveryWorkflowId: string | null;
  updatedAt: string;
}

export interface CredentialService extends CredentialPort {
  put(input: CredentialInput, at: number): Promise<CredentialView>;
  get(id: string): Promise<CredentialView | undefined>;
  list(): Promise<CredentialView[]>;
  delete(id: string): Promise<boolean>;
  ids(): Promise<Set<string>>;
  /** Clears a lock; undefined when there is no such credential. */
  unlock(id: string): Promise<CredentialView | undefined>;
}

/** semantics.md: 3 auth failures in 10 minutes lock a credential. */
export const DEFAULT_LOCK_POLICY: LockPolicy = { threshold: 3, windowMs: 10 * 60_000 };

function view(record: CredentialRecord): CredentialView {
  const locked = record.lockedAt !== null && record.lockedAt !== undefined;
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    status: locked ? 'locked' : 'ok',
    ...(locked ? { lockedAt: new Date(record.lockedAt!).toISOString() } : {}),
    recoveryWorkflowId: record.recoveryWorkflowId ?? null,
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

export interface CredentialServiceOptions {
  oauth2: OAuth2Settings;
  lockPolicy?: LockPolicy;
  /** Told once when repeated auth failures lock a credential. */
  onLocked?: (id: string, at: number) => void;
  /** Told when a locked credential is unlocked or gets a new secret. */
  onUnlocked?: (id: string) => void;
}

/** Encrypts on write, decrypts only to resolve a credential for a node attempt or a webhook check. */
export function createCredentialService(store: CredentialStore, key: Buffer, options: CredentialServiceOptions): CredentialService {
  const lockPolicy = options.lockPolicy ?? DEFAULT_LOCK_POLICY;
  const oauth2 = createTokenSources(store, key, options.oauth2);
  return {
    async put(input, at) {
      const existing = await store.getCredential(input.id);
      const record: CredentialRecord = {
        id: input.id,
        name: input.name,
        kind: input.kind,
        ciphertext: encryptSecret(key, input.id, JSON.stringify(secretFields(input))),
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        recoveryWorkflowId: input.recoveryWorkflowId ?? null,
      };
      await store.putCredential(record);
      if (existing?.lockedAt != null) options.onUnlocked?.(input.id);
      // A new secret starts over: the cached access token belonged to the old one.
      oauth2.forget(input.id);
      return view(record);
    },
    async get(id) {
      const record = await store.getCredential(id);
      return record ? view(record) : undefined;
    },
    async list() {
      return (await store.listCredentials()).map(view);
    },
    async delete(id) {
      oauth2.forget(id);
      return store.deleteCredential(id);
    },
    async unlock(id) {
      const wasLocked = (await store.getCredential(id))?.lockedAt != null;
      if (!(await store.unlockCredential(id))) return undefined;
      if (wasLocked) options.onUnlocked?.(id);
      const record = await store.getCredential(id);
      return record ? view(record) : undefined;
    },
    async recordAuthFailure(id, at) {
      const result = await store.recordCredentialAuthFailure(id, at, lockPolicy);
      if (result?.lockedAt === at) options.onLocked?.(id, at);
    },
    async ids() {
      return new Set((await store.listCredentials()).map((c) => c.id));
    },
    async resolve(id) {
      const record = await store.getCredential(id);
      if (!record) return undefined;
      let fields: Record<string, string>;
      try {
        fields = JSON.parse(decryptSecret(key, id, record.ciphertext)) as Record<string, string>;
      } catch (err) {
        // Wrong key or tampered row: the node fails as if the credential were missing; nothing leaks.
        if (err instanceof CredentialCorruptError) return undefined;
        throw err;
      }
      const resolved = record.kind === 'oauth2' ? oauth2.resolve(record, fields) : toResolved(id, record.kind, fields);
      // Read with the secret, so an attempt learns of a lock without a second read.
      return resolved && record.lockedAt !== null && record.lockedAt !== undefined ? { ...resolved, locked: true } : resolved;
    },
  };
}

function toResolved(id: string, kind: string, f: Record<string, string>): ResolvedCredential | undefined {
  switch (kind) {
    case 'bearer':
      return { id, kind, token: f.token ?? '' };
    case 'basic':
      return { id, kind, username: f.username ?? '', password: f.password ?? '' };
    case 'apiKey':
      return { id, kind, in: f.in === 'query' ? 'query' : 'header', name: f.name ?? '', value: f.value ?? '' };
    case 'hmac':
      return { id, kind, secret: f.secret ?? '' };
    case 'connection':
      return { id, kind, connectionString: f.connectionString ?? '' };
    case 'smtp':
      return { id, kind, host: f.host ?? '', port: Number(f.port ?? 0), secure: f.secure === 'true', user: f.user ?? '', password: f.password ?? '' };
    default:
      return undefined;
  }
}
