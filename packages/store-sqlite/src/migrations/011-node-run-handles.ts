import type { Migration } from './migration.js';

/** The outputs a node chose when it chose several (a `switch` in mode `all`), as a JSON array. */
export const nodeRunHandles: Migration = {
  version: 11,
  name: 'node-run-handles',
  sql: `ALTER TABLE node_runs ADD COLUMN handles TEXT;`,
};
