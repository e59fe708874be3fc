import type { CredentialPort, ResolvedCredential } from '@switchyard/engine';
import type { CredentialRecord, SqliteStore } from '@switchyard/store-sqlite';
import { CredentialCorruptError, decryptSecret, encryptSecret } from './cipher.js';
import { secretFields, type CredentialInput } from './credential-input.js';

/** What the API shows of a credential: never a secret. */
export interface CredentialView {
  id: string;
  name: string;
  kind: string;
  status: 'ok';
  updatedAt: string;
}

export interface CredentialService extends CredentialPort {
  put(input: CredentialInput, at: number): Promise<CredentialView>;
  get(id: string): Promise<CredentialView | undefined>;
  list(): Promise<CredentialView[]>;
  delete(id: string): Promise<boolean>;
  ids(): Promise<Set<string>>;
}

function view(record: CredentialRecord): CredentialView {
  return { id: record.id, name: record.name, kind: record.kind, status: 'ok', updatedAt: new Date(record.updatedAt).toISOString() };
}

/** Encrypts on write, decrypts only to resolve a credential for a node attempt or a webhook check. */
export function createCredentialService(store: SqliteStore, key: Buffer): CredentialService {
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
      };
      await store.putCredential(record);
      return view(record);
    },
    async get(id) {
      const record = await store.getCredential(id);
      return record ? view(record) : undefined;
    },
    async list() {
      return (await store.listCredentials()).map(view);
    },
    delete: (id) => store.deleteCredential(id),
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
      return toResolved(id, record.kind, fields);
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
    default:
      return undefined;
  }
}
