import type { Migration } from './migration.js';

/** One row the readiness check writes: proof that the store can still commit (a full disk cannot). */
export const storeProbe: Migration = {
  version: 8,
  name: 'store-probe',
  sql: `CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);`,
};
