import type { Migration } from './migration.js';

/** A run's mode (schema RUN_MODES): a `test` run is kept apart from production figures; every run before this was `production`. */
export const runModes: Migration = {
  version: 12,
  name: 'run-modes',
  sql: `ALTER TABLE runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'production' CHECK (mode IN ('production', 'test'));
        CREATE INDEX runs_by_mode ON runs (mode, created_at, id);`,
};
