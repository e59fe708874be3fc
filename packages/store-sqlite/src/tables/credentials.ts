import type Database from 'better-sqlite3';

/** A credential as stored: the secret fields only as ciphertext (the server encrypts and decrypts). */
export interface CredentialRecord {
  id: string;
  name: string;
  kind: string;
  ciphertext: string;
  createdAt: number;
  updatedAt: number;
  /** When it was locked after repeated auth failures; null (or absent on a write) when it is not. */
  lockedAt?: number | null;
  /** The workflow started when the credential is locked (semantics.md "Credentials"); null: none. */
  recoveryWorkflowId?: string | null;
}

/** When repeated auth failures lock a credential: `threshold` failures within `windowMs`. */
export interface LockPolicy {
  threshold: number;
  windowMs: number;
}

interface CredentialRow {
  id: string;
  name: string;
  kind: string;
  ciphertext: string;
  created_at: number;
  updated_at: number;
  auth_failures: string;
  locked_at: number | null;
  recovery_workflow_id: string | null;
}

function fromRow(row: CredentialRow): CredentialRecord {
  return { id: row.id, name: row.name, kind: row.kind, ciphertext: row.ciphertext, createdAt: row.created_at, updatedAt: row.updated_at, lockedAt: row.locked_at, recoveryWorkflowId: row.recovery_workflow_id };
}

export interface CredentialsTable {
  /** Saves name, kind and secret; a new secret also clears the failures and the lock. */
  upsert(record: CredentialRecord): void;
  get(id: string): CredentialRecord | undefined;
  /** Ordered by id. */
  list(): CredentialRecord[];
  delete(id: string): boolean;
  /** Notes an auth failure at `at`; locks the credential when the policy says so. Answers the lock time, or undefined for no such credential. */
  recordAuthFailure(id: string, at: number, policy: LockPolicy): { lockedAt: number | null } | undefined;
  /** Clears the lock and the failures; false for no such credential. */
  unlock(id: string): boolean;
  /**
   * Replaces the ciphertext only while it is still `expected`, keeping name, times, failures
   * and lock: the server rewrites a secret it learnt (a rotated refresh token), which must
   * neither overwrite a secret saved meanwhile nor count as saving a new one.
   */
  replaceSecret(id: string, expected: string, ciphertext: string): boolean;
}

const COLUMNS = 'id, name, kind, ciphertext, created_at, updated_at, auth_failures, locked_at, recovery_workflow_id';

export function prepareCredentialsTable(db: Database.Database): CredentialsTable {
  const upsert = db.prepare<Omit<CredentialRow, 'auth_failures' | 'locked_at'>>(
    `INSERT INTO credentials (id, name, kind, ciphertext, created_at, updated_at, recovery_workflow_id) VALUES (@id, @name, @kind, @ciphertext, @created_at, @updated_at, @recovery_workflow_id)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, ciphertext = excluded.ciphertext,
       created_at = excluded.created_at, updated_at = excluded.updated_at, recovery_workflow_id = excluded.recovery_workflow_id,
       auth_failures = '[]', locked_at = NULL`,
  );
  const setFailures = db.prepare<[string, number | null, string]>('UPDATE credentials SET auth_failures = ?, locked_at = ? WHERE id = ?');
  const get = db.prepare<[string], CredentialRow>(`SELECT ${COLUMNS} FROM credentials WHERE id = ?`);
  const list = db.prepare<[], CredentialRow>(`SELECT ${COLUMNS} FROM credentials ORDER BY id`);
  const remove = db.prepare<[string]>('DELETE FROM credentials WHERE id = ?');
  const replaceSecret = db.prepare<[string, string, string]>('UPDATE credentials SET ciphertext = ? WHERE id = ? AND ciphertext = ?');
  return {
    upsert: (r) => {
      upsert.run({ id: r.id, name: r.name, kind: r.kind, ciphertext: r.ciphertext, created_at: r.createdAt, updated_at: r.updatedAt, recovery_workflow_id: r.recoveryWorkflowId ?? null });
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => list.all().map(fromRow),
    delete: (id) => remove.run(id).changes === 1,
    recordAuthFailure: (id, at, policy) => {
      const row = get.get(id);
      if (row === undefined) return undefined;
      const recent = (JSON.parse(row.auth_failures) as number[]).filter((t) => t > at - policy.windowMs);
      recent.push(at);
      const lockedAt = row.locked_at ?? (recent.length >= policy.threshold ? at : null);
      // Only the failures that can still count are kept.
      setFailures.run(JSON.stringify(recent.slice(-policy.threshold)), lockedAt, id);
      return { lockedAt };
    },
    unlock: (id) => setFailures.run('[]', null, id).changes === 1,
    replaceSecret: (id, expected, ciphertext) => replaceSecret.run(ciphertext, id, expected).changes === 1,
  };
}
