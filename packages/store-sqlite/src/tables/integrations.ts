import type Database from 'better-sqlite3';
import type { IntegrationRecord } from '@switchyard/engine';

interface IntegrationRow {
  id: string;
  name: string;
  base_url: string;
  timeout_ms: number | null;
  credential: string | null;
  created_at: number;
  updated_at: number;
}

function toRow(integration: IntegrationRecord): IntegrationRow {
  return {
    id: integration.id,
    name: integration.name,
    base_url: integration.baseUrl,
    timeout_ms: integration.timeoutMs,
    credential: integration.credential,
    created_at: integration.createdAt,
    updated_at: integration.updatedAt,
  };
}

function fromRow(row: IntegrationRow): IntegrationRecord {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    timeoutMs: row.timeout_ms,
    credential: row.credential,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface IntegrationsTable {
  /** Inserts or replaces every field with the record's: the record is the truth. */
  upsert(integration: IntegrationRecord): void;
  get(id: string): IntegrationRecord | undefined;
  /** Ordered by id. */
  list(): IntegrationRecord[];
  delete(id: string): boolean;
}

const COLUMNS = 'id, name, base_url, timeout_ms, credential, created_at, updated_at';

export function prepareIntegrationsTable(db: Database.Database): IntegrationsTable {
  const upsert = db.prepare<IntegrationRow>(
    `INSERT INTO integrations (${COLUMNS})
     VALUES (@id, @name, @base_url, @timeout_ms, @credential, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, base_url = excluded.base_url, timeout_ms = excluded.timeout_ms,
       credential = excluded.credential, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], IntegrationRow>(`SELECT ${COLUMNS} FROM integrations WHERE id = ?`);
  const list = db.prepare<[], IntegrationRow>(`SELECT ${COLUMNS} FROM integrations ORDER BY id`);
  const remove = db.prepare<[string]>('DELETE FROM integrations WHERE id = ?');

  return {
    upsert: (integration) => {
      upsert.run(toRow(integration));
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => list.all().map(fromRow),
    delete: (id) => remove.run(id).changes === 1,
  };
}
