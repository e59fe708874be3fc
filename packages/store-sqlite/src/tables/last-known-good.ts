import type Database from 'better-sqlite3';
import type { LastKnownGoodRecord } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

interface LastKnownGoodRow {
  workflow_id: string;
  node_id: string;
  key: string;
  output: string;
  updated_at: number;
}

function toRow(record: LastKnownGoodRecord): LastKnownGoodRow {
  return {
    workflow_id: record.workflowId,
    node_id: record.nodeId,
    key: record.key,
    output: toJsonColumn(record.output),
    updated_at: record.updatedAt,
  };
}

function fromRow(row: LastKnownGoodRow): LastKnownGoodRecord {
  return {
    workflowId: row.workflow_id,
    nodeId: row.node_id,
    key: row.key,
    output: fromJsonColumn<Json>(row.output),
    updatedAt: row.updated_at,
  };
}

export interface LastKnownGoodTable {
  /** Keeps the newest: a write older than the stored value changes nothing. */
  upsert(record: LastKnownGoodRecord): void;
  get(workflowId: string, nodeId: string, key: string): LastKnownGoodRecord | undefined;
}

export function prepareLastKnownGoodTable(db: Database.Database): LastKnownGoodTable {
  const upsert = db.prepare<LastKnownGoodRow>(
    `INSERT INTO last_known_good (workflow_id, node_id, key, output, updated_at)
     VALUES (@workflow_id, @node_id, @key, @output, @updated_at)
     ON CONFLICT (workflow_id, node_id, key) DO UPDATE SET output = excluded.output, updated_at = excluded.updated_at
     WHERE excluded.updated_at >= last_known_good.updated_at`,
  );
  const get = db.prepare<[string, string, string], LastKnownGoodRow>(
    'SELECT workflow_id, node_id, key, output, updated_at FROM last_known_good WHERE workflow_id = ? AND node_id = ? AND key = ?',
  );

  return {
    upsert: (record) => {
      upsert.run(toRow(record));
    },
    get: (workflowId, nodeId, key) => {
      const row = get.get(workflowId, nodeId, key);
      return row === undefined ? undefined : fromRow(row);
    },
  };
}
