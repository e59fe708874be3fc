import type Database from 'better-sqlite3';
import type { IdempotencyRecord } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { fromNullableJsonColumn, toNullableJsonColumn } from '../json-column.js';

interface IdempotencyRow {
  scope: string;
  key: string;
  run_id: string;
  response: string | null;
  created_at: number;
}

function toRow(record: IdempotencyRecord): IdempotencyRow {
  return {
    scope: record.scope,
    key: record.key,
    run_id: record.runId,
    response: toNullableJsonColumn(record.response),
    created_at: record.createdAt,
  };
}

function fromRow(row: IdempotencyRow): IdempotencyRecord {
  return {
    scope: row.scope,
    key: row.key,
    runId: row.run_id,
    response: fromNullableJsonColumn<Json>(row.response),
    createdAt: row.created_at,
  };
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

export interface IdempotencyKeysTable {
  /** Call inside a write transaction: the insert and the read must see the same state. */
  claim(record: IdempotencyRecord): ClaimResult;
  setResponse(scope: string, key: string, response: Json): void;
  prune(before: number): number;
}

export function prepareIdempotencyKeysTable(db: Database.Database): IdempotencyKeysTable {
  const insert = db.prepare<IdempotencyRow>(
    `INSERT INTO idempotency_keys (scope, key, run_id, response, created_at)
     VALUES (@scope, @key, @run_id, @response, @created_at)
     ON CONFLICT (scope, key) DO NOTHING`,
  );
  const get = db.prepare<[string, string], IdempotencyRow>(
    'SELECT scope, key, run_id, response, created_at FROM idempotency_keys WHERE scope = ? AND key = ?',
  );
  const setResponse = db.prepare<[string | null, string, string]>(
    'UPDATE idempotency_keys SET response = ? WHERE scope = ? AND key = ?',
  );
  const prune = db.prepare<[number]>('DELETE FROM idempotency_keys WHERE created_at < ?');

  return {
    claim: (record) => {
      if (insert.run(toRow(record)).changes === 1) return { claimed: true };
      const row = get.get(record.scope, record.key);
      if (row === undefined) throw new Error(`idempotency key ${record.scope}/${record.key} vanished while claimed`);
      return { claimed: false, existing: fromRow(row) };
    },
    setResponse: (scope, key, response) => {
      setResponse.run(toNullableJsonColumn(response), scope, key);
    },
    prune: (before) => prune.run(before).changes,
  };
}
