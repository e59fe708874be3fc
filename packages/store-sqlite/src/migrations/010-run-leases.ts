import type { Migration } from './migration.js';

/** Which worker drives a run, until when, and the claim's epoch (every claim raises it). */
export const runLeases: Migration = {
  version: 10,
  name: 'run-leases',
  sql: `ALTER TABLE runs ADD COLUMN lease_owner TEXT;
        ALTER TABLE runs ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN lease_until INTEGER;`,
};
