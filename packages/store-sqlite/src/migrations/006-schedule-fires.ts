import type { Migration } from './migration.js';

/**
 * Schedule triggers: the scheduled time each workflow's schedule trigger fired last, so a
 * restarted server neither fires a time twice nor mistakes a fired time for a missed one.
 */
export const scheduleFires: Migration = {
  version: 6,
  name: 'schedule-fires',
  sql: `
    CREATE TABLE schedule_fires (
      workflow_id   TEXT    NOT NULL,
      node_id       TEXT    NOT NULL,
      last_fired_at INTEGER NOT NULL,
      PRIMARY KEY (workflow_id, node_id)
    );
  `,
};
