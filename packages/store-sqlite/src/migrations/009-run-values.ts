import type { Migration } from './migration.js';

/**
 * Large JSON values of runs (a webhook body, a node's big output), stored once by content: the
 * run's trigger, the trigger node's input and output and the next node's input are one value.
 */
export const runValues: Migration = {
  version: 9,
  name: 'run-values',
  // \`chars\` and \`head\` (the text's first characters) answer a viewer's preview without reading
  // the whole value: SQLite reads a text through all its overflow pages to measure or cut it.
  sql: `CREATE TABLE run_values (hash TEXT PRIMARY KEY, chars INTEGER NOT NULL, head TEXT NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;`,
};
