import type { Migration } from './migration.js';

/**
 * Retention (docs/operations.md): runs are found by when they finished, and what pruning
 * removed is kept as totals per workflow and final status, so counts over all time survive.
 * The switch to incremental auto-vacuum cannot run inside a migration's transaction (it needs
 * a VACUUM): openSqliteStore does it once (auto-vacuum.ts).
 */
export const retention: Migration = {
  version: 13,
  name: 'retention',
  sql: `
    CREATE INDEX runs_by_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
    CREATE INDEX idempotency_keys_by_run ON idempotency_keys (run_id);

    CREATE TABLE pruned_runs (
      workflow_id    TEXT    NOT NULL,
      status         TEXT    NOT NULL,
      runs           INTEGER NOT NULL,
      degraded       INTEGER NOT NULL,
      newest_created INTEGER NOT NULL,
      PRIMARY KEY (workflow_id, status)
    );
  `,
};
