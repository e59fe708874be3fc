import type { Migration } from './migration.js';

/**
 * The first schema. Times are epoch milliseconds; JSON values are TEXT (SQL NULL for a `null`
 * field); booleans are 0/1. Status columns have no CHECK: a new status must not need a table rebuild.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE workflows (
      id             TEXT    NOT NULL PRIMARY KEY,
      latest_version INTEGER NOT NULL CHECK (latest_version >= 1),
      active         INTEGER NOT NULL CHECK (active IN (0, 1)),
      deleted_at     INTEGER,
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL
    );

    CREATE TABLE workflow_versions (
      workflow_id TEXT    NOT NULL REFERENCES workflows (id),
      version     INTEGER NOT NULL CHECK (version >= 1),
      definition  TEXT    NOT NULL,
      created_at  INTEGER NOT NULL,
      PRIMARY KEY (workflow_id, version)
    );

    CREATE TABLE integrations (
      id         TEXT    NOT NULL PRIMARY KEY,
      name       TEXT    NOT NULL,
      base_url   TEXT    NOT NULL,
      timeout_ms INTEGER,
      credential TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE runs (
      id               TEXT    NOT NULL PRIMARY KEY,
      workflow_id      TEXT    NOT NULL,
      workflow_version INTEGER NOT NULL,
      status           TEXT    NOT NULL,
      degraded         INTEGER NOT NULL CHECK (degraded IN (0, 1)),
      phase            TEXT    NOT NULL,
      trigger          TEXT    NOT NULL,
      created_at       INTEGER NOT NULL,
      started_at       INTEGER,
      finished_at      INTEGER,
      stop_reason      TEXT,
      completion_seq   INTEGER NOT NULL
    );
    CREATE INDEX runs_by_created ON runs (created_at, id);
    CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at, id);
    CREATE INDEX runs_by_status ON runs (status, created_at, id);
    CREATE INDEX runs_unfinished ON runs (created_at, id)
      WHERE status NOT IN ('succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled');

    CREATE TABLE node_runs (
      run_id            TEXT    NOT NULL REFERENCES runs (id),
      node_id           TEXT    NOT NULL,
      status            TEXT    NOT NULL,
      source            TEXT,
      epoch             INTEGER NOT NULL,
      input             TEXT,
      output            TEXT,
      params            TEXT,
      error             TEXT,
      started_at        INTEGER,
      finished_at       INTEGER,
      next_attempt_at   INTEGER,
      deferred_until    INTEGER,
      handle            TEXT,
      last_attempt      INTEGER NOT NULL,
      tries             INTEGER NOT NULL,
      interruptions     INTEGER NOT NULL,
      completed_seq     INTEGER,
      fallback_index    INTEGER,
      exhausted_failure TEXT,
      PRIMARY KEY (run_id, node_id)
    );

    CREATE TABLE attempts (
      run_id          TEXT    NOT NULL,
      node_id         TEXT    NOT NULL,
      number          INTEGER NOT NULL,
      epoch           INTEGER NOT NULL,
      started_at      INTEGER NOT NULL,
      finished_at     INTEGER,
      duration_ms     INTEGER,
      outcome         TEXT,
      error           TEXT,
      delay_before_ms INTEGER NOT NULL,
      request         TEXT,
      response        TEXT,
      PRIMARY KEY (run_id, node_id, number),
      FOREIGN KEY (run_id, node_id) REFERENCES node_runs (run_id, node_id)
    );

    CREATE TABLE timers (
      run_id  TEXT    NOT NULL,
      node_id TEXT    NOT NULL,
      kind    TEXT    NOT NULL,
      due_at  INTEGER NOT NULL,
      PRIMARY KEY (run_id, node_id),
      FOREIGN KEY (run_id, node_id) REFERENCES node_runs (run_id, node_id)
    );
    CREATE INDEX timers_by_due ON timers (due_at);

    CREATE TABLE idempotency_keys (
      scope      TEXT    NOT NULL,
      key        TEXT    NOT NULL,
      run_id     TEXT    NOT NULL,
      response   TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);

    CREATE TABLE last_known_good (
      workflow_id TEXT    NOT NULL,
      node_id     TEXT    NOT NULL,
      key         TEXT    NOT NULL,
      output      TEXT    NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (workflow_id, node_id, key)
    );
  `,
};
