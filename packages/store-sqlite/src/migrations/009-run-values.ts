import type { Migration } from './migration.js';

/**
 * Large JSON values of runs (a webhook body, a node's big output), stored once by content: the
 * run's trigger, the trigger node's input and output and the next node's input are one value.
 */
export const runValues: Migration = {
  version: 9,
  name: 'run-values',
  sql: `CREATE TABLE run_values (hash TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;`,
};
