import type Database from 'better-sqlite3';
import type { StoredWorkflow, WorkflowSummary } from '@switchyard/engine';
import type { Workflow } from '@switchyard/schema';
import { ConflictError } from '../errors.js';
import { fromBooleanColumn, fromJsonColumn, toBooleanColumn, toJsonColumn } from '../json-column.js';

/** A version joined with its workflow: the one row shape every read of a stored workflow uses. */
interface StoredWorkflowRow {
  id: string;
  version: number;
  active: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

interface SummaryRow {
  id: string;
  name: string;
  version: number;
  active: number;
  updated_at: number;
}

function fromRow(row: StoredWorkflowRow): StoredWorkflow {
  return {
    id: row.id,
    version: row.version,
    active: fromBooleanColumn(row.active),
    definition: fromJsonColumn<Workflow>(row.definition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromSummaryRow(row: SummaryRow): WorkflowSummary {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    active: fromBooleanColumn(row.active),
    updatedAt: row.updated_at,
  };
}

export interface WorkflowsTable {
  /** Version 1, inactive. An id ever used (even deleted) is a ConflictError. */
  create(id: string, definition: Workflow, at: number): StoredWorkflow;
  /** The next version; undefined when the workflow does not exist or was deleted. */
  addVersion(id: string, definition: Workflow, at: number): StoredWorkflow | undefined;
  /** The same, only while `version` is still the latest: 'moved' when another was stored meanwhile. */
  addVersionIfLatest(id: string, version: number, definition: Workflow, at: number): StoredWorkflow | 'moved' | undefined;
  /** The latest version of a workflow that is not deleted. */
  get(id: string): StoredWorkflow | undefined;
  /** Any stored version, deleted workflow or not; `updatedAt` is when that version was stored. */
  getVersion(id: string, version: number): StoredWorkflow | undefined;
  /** Workflows not deleted, ordered by id. */
  list(): WorkflowSummary[];
  listVersions(id: string): Array<{ version: number; createdAt: number }>;
  setActive(id: string, active: boolean, at: number): boolean;
  /** Soft delete: versions stay readable; a deleted workflow is also deactivated. */
  markDeleted(id: string, at: number): boolean;
}

export function prepareWorkflowsTable(db: Database.Database): WorkflowsTable {
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM workflows WHERE id = ?');
  const insertWorkflow = db.prepare<[string, number, number]>(
    'INSERT INTO workflows (id, latest_version, active, deleted_at, created_at, updated_at) VALUES (?, 1, 0, NULL, ?, ?)',
  );
  const insertVersion = db.prepare<[string, number, string, number]>(
    'INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, ?, ?, ?)',
  );
  const bumpVersion = db.prepare<[number, string], { latest_version: number }>(
    `UPDATE workflows SET latest_version = latest_version + 1, updated_at = ?
     WHERE id = ? AND deleted_at IS NULL RETURNING latest_version`,
  );
  const bumpVersionIf = db.prepare<[number, string, number], { latest_version: number }>(
    `UPDATE workflows SET latest_version = latest_version + 1, updated_at = ?
     WHERE id = ? AND deleted_at IS NULL AND latest_version = ? RETURNING latest_version`,
  );
  const getLatest = db.prepare<[string], StoredWorkflowRow>(
    `SELECT w.id, w.latest_version AS version, w.active, v.definition, w.created_at, w.updated_at
     FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.latest_version
     WHERE w.id = ? AND w.deleted_at IS NULL`,
  );
  const getVersion = db.prepare<[string, number], StoredWorkflowRow>(
    `SELECT w.id, v.version, w.active, v.definition, w.created_at, v.created_at AS updated_at
     FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id
     WHERE v.workflow_id = ? AND v.version = ?`,
  );
  const list = db.prepare<[], SummaryRow>(
    `SELECT w.id, json_extract(v.definition, '$.name') AS name, w.latest_version AS version, w.active, w.updated_at
     FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.latest_version
     WHERE w.deleted_at IS NULL ORDER BY w.id`,
  );
  const listVersions = db.prepare<[string], { version: number; created_at: number }>(
    'SELECT version, created_at FROM workflow_versions WHERE workflow_id = ? ORDER BY version',
  );
  const setActive = db.prepare<[number, number, string]>(
    'UPDATE workflows SET active = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
  );
  const markDeleted = db.prepare<[number, number, string]>(
    'UPDATE workflows SET deleted_at = ?, active = 0, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
  );

  const latest = (id: string): StoredWorkflow | undefined => {
    const row = getLatest.get(id);
    return row === undefined ? undefined : fromRow(row);
  };

  // Answer what was stored, not the caller's object, so later edits of it cannot alias the answer.
  const readBack = (id: string): StoredWorkflow => {
    const stored = latest(id);
    if (stored === undefined) throw new Error(`workflow ${id} was not readable right after it was written`);
    return stored;
  };

  return {
    create: (id, definition, at) => {
      if (exists.get(id) !== undefined) throw new ConflictError(`workflow ${id} already exists`);
      insertWorkflow.run(id, at, at);
      insertVersion.run(id, 1, toJsonColumn(definition), at);
      return readBack(id);
    },
    addVersion: (id, definition, at) => {
      const bumped = bumpVersion.get(at, id);
      if (bumped === undefined) return undefined;
      insertVersion.run(id, bumped.latest_version, toJsonColumn(definition), at);
      return readBack(id);
    },
    addVersionIfLatest: (id, version, definition, at) => {
      const bumped = bumpVersionIf.get(at, id, version);
      if (bumped === undefined) return latest(id) === undefined ? undefined : 'moved';
      insertVersion.run(id, bumped.latest_version, toJsonColumn(definition), at);
      return readBack(id);
    },
    get: latest,
    getVersion: (id, version) => {
      const row = getVersion.get(id, version);
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => list.all().map(fromSummaryRow),
    listVersions: (id) => listVersions.all(id).map((row) => ({ version: row.version, createdAt: row.created_at })),
    setActive: (id, active, at) => setActive.run(toBooleanColumn(active), at, id).changes === 1,
    markDeleted: (id, at) => markDeleted.run(at, at, id).changes === 1,
  };
}
