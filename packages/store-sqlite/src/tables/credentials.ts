import type Database from 'better-sqlite3';

/** A credential as stored: the secret fields only as ciphertext (the server encrypts and decrypts). */
export interface CredentialRecord {
  id: string;
  name: string;
  kind: string;
  ciphertext: string;
  createdAt: number;
  updatedAt: number;
}

interface CredentialRow {
  id: string;
  name: string;
  kind: string;
  ciphertext: string;
  created_at: number;
  updated_at: number;
}

function fromRow(row: CredentialRow): CredentialRecord {
  return { id: row.id, name: row.name, kind: row.kind, ciphertext: row.ciphertext, createdAt: row.created_at, updatedAt: row.updated_at };
}

export interface CredentialsTable {
  upsert(record: CredentialRecord): void;
  get(id: string): CredentialRecord | undefined;
  /** Ordered by id. */
  list(): CredentialRecord[];
  delete(id: string): boolean;
}

const COLUMNS = 'id, name, kind, ciphertext, created_at, updated_at';

export function prepareCredentialsTable(db: Database.Database): CredentialsTable {
  const upsert = db.prepare<CredentialRow>(
    `INSERT INTO credentials (${COLUMNS}) VALUES (@id, @name, @kind, @ciphertext, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, ciphertext = excluded.ciphertext,
       created_at = excluded.created_at, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], CredentialRow>(`SELECT ${COLUMNS} FROM credentials WHERE id = ?`);
  const list = db.prepare<[], CredentialRow>(`SELECT ${COLUMNS} FROM credentials ORDER BY id`);
  const remove = db.prepare<[string]>('DELETE FROM credentials WHERE id = ?');
  return {
    upsert: (r) => {
      upsert.run({ id: r.id, name: r.name, kind: r.kind, ciphertext: r.ciphertext, created_at: r.createdAt, updated_at: r.updatedAt });
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => list.all().map(fromRow),
    delete: (id) => remove.run(id).changes === 1,
  };
}
