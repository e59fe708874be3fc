import type Database from 'better-sqlite3';

/** An API key: only the SHA-256 hash of its secret is stored. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  hash: string;
  createdAt: number;
}

/** A browser session: the hash of the cookie value and the key it signed in with. */
export interface SessionRecord {
  hash: string;
  apiKeyId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SigninTokenRecord {
  hash: string;
  apiKeyId: string;
  expiresAt: number;
}

export interface AccessTables {
  insertApiKey(record: ApiKeyRecord): void;
  apiKeyByHash(hash: string): ApiKeyRecord | undefined;
  apiKeyById(id: string): ApiKeyRecord | undefined;
  countApiKeys(): number;
  /** Oldest first. */
  listApiKeys(): ApiKeyRecord[];
  /**
   * Removes the key with its sessions and sign-in tokens. With `keepOne`, not the only key left
   * (checked in the same transaction, so two revocations cannot both pass the check).
   */
  deleteApiKey(id: string, keepOne: boolean): 'deleted' | 'missing' | 'last';
  insertSession(record: SessionRecord): void;
  /** The session if it exists and has not expired at `now`. */
  session(hash: string, now: number): SessionRecord | undefined;
  deleteSession(hash: string): boolean;
  insertSigninToken(record: SigninTokenRecord): void;
  /** Marks an unexpired, unused token used and answers its key id; undefined otherwise (usable once). */
  useSigninToken(hash: string, now: number): string | undefined;
}

export function prepareAccessTables(db: Database.Database): AccessTables {
  const insertKey = db.prepare<[string, string, string, number]>('INSERT INTO api_keys (id, name, hash, created_at) VALUES (?, ?, ?, ?)');
  const keyByHash = db.prepare<[string], { id: string; name: string; hash: string; created_at: number }>(
    'SELECT id, name, hash, created_at FROM api_keys WHERE hash = ?',
  );
  const keyById = db.prepare<[string], { id: string; name: string; hash: string; created_at: number }>(
    'SELECT id, name, hash, created_at FROM api_keys WHERE id = ?',
  );
  const countKeys = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM api_keys');
  const listKeys = db.prepare<[], { id: string; name: string; hash: string; created_at: number }>('SELECT id, name, hash, created_at FROM api_keys ORDER BY created_at, id');
  const deleteKey = db.prepare<[string]>('DELETE FROM api_keys WHERE id = ?');
  const deleteKeySessions = db.prepare<[string]>('DELETE FROM sessions WHERE api_key_id = ?');
  const deleteKeyTokens = db.prepare<[string]>('DELETE FROM signin_tokens WHERE api_key_id = ?');
  const insertSession = db.prepare<[string, string, number, number]>(
    'INSERT INTO sessions (hash, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const session = db.prepare<[string, number], { hash: string; api_key_id: string; created_at: number; expires_at: number }>(
    'SELECT hash, api_key_id, created_at, expires_at FROM sessions WHERE hash = ? AND expires_at > ?',
  );
  const deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE hash = ?');
  const insertToken = db.prepare<[string, string, number]>('INSERT INTO signin_tokens (hash, api_key_id, expires_at, used_at) VALUES (?, ?, ?, NULL)');
  const useToken = db.prepare<[number, string, number], { api_key_id: string }>(
    'UPDATE signin_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING api_key_id',
  );
  const toKey = (row: { id: string; name: string; hash: string; created_at: number } | undefined): ApiKeyRecord | undefined =>
    row === undefined ? undefined : { id: row.id, name: row.name, hash: row.hash, createdAt: row.created_at };
  return {
    insertApiKey: (r) => {
      insertKey.run(r.id, r.name, r.hash, r.createdAt);
    },
    apiKeyByHash: (hash) => toKey(keyByHash.get(hash)),
    apiKeyById: (id) => toKey(keyById.get(id)),
    countApiKeys: () => countKeys.get()?.n ?? 0,
    listApiKeys: () => listKeys.all().map((row) => toKey(row)!),
    deleteApiKey: (id, keepOne) => {
      // Called inside the store's write transaction: the count and the delete see one state.
      if (keyById.get(id) === undefined) return 'missing';
      if (keepOne && (countKeys.get()?.n ?? 0) <= 1) return 'last';
      deleteKeySessions.run(id);
      deleteKeyTokens.run(id);
      deleteKey.run(id);
      return 'deleted';
    },
    insertSession: (r) => {
      insertSession.run(r.hash, r.apiKeyId, r.createdAt, r.expiresAt);
    },
    session: (hash, now) => {
      const row = session.get(hash, now);
      return row === undefined ? undefined : { hash: row.hash, apiKeyId: row.api_key_id, createdAt: row.created_at, expiresAt: row.expires_at };
    },
    deleteSession: (hash) => deleteSession.run(hash).changes === 1,
    insertSigninToken: (r) => {
      insertToken.run(r.hash, r.apiKeyId, r.expiresAt);
    },
    useSigninToken: (hash, now) => useToken.get(now, hash, now)?.api_key_id,
  };
}
