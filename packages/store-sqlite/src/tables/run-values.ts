import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * JSON of at least this many characters is stored once in `run_values` and referenced. Below it,
 * a second copy costs less than the look-up.
 */
export const LARGE_VALUE_CHARS = 64 * 1024;

/** A reference in a JSON column. JSON text never starts with `#`, so no stored value reads as one. */
export const REF_PREFIX = '#value:';

/** JSON columns of runs whose large values are kept once, by the SHA-256 of their text. */
export interface RunValuesTable {
  /** The column text for `json`: itself, or a reference to the one stored copy. */
  store(json: string): string;
  /** The JSON text a column holds, following a reference. */
  load(column: string): string;
  /** Deletes values no run refers to any more (after runs are deleted); answers how many. */
  pruneUnreferenced(): number;
}

export function prepareRunValuesTable(db: Database.Database): RunValuesTable {
  const insert = db.prepare('INSERT OR IGNORE INTO run_values (hash, chars, head, json) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], { json: string }>('SELECT json FROM run_values WHERE hash = ?');
  const prefixLength = REF_PREFIX.length;
  const prune = db.prepare(
    `DELETE FROM run_values WHERE hash NOT IN (
       SELECT substr(trigger, ${prefixLength + 1}) FROM runs WHERE substr(trigger, 1, ${prefixLength}) = '${REF_PREFIX}'
       UNION SELECT substr(input, ${prefixLength + 1}) FROM node_runs WHERE substr(input, 1, ${prefixLength}) = '${REF_PREFIX}'
       UNION SELECT substr(output, ${prefixLength + 1}) FROM node_runs WHERE substr(output, 1, ${prefixLength}) = '${REF_PREFIX}')`,
  );
  return {
    store(json) {
      if (json.length < LARGE_VALUE_CHARS) return json;
      const hash = createHash('sha256').update(json).digest('hex');
      insert.run(hash, json.length, json.slice(0, LARGE_VALUE_CHARS), json);
      return REF_PREFIX + hash;
    },
    load(column) {
      if (!column.startsWith(REF_PREFIX)) return column;
      const row = select.get(column.slice(prefixLength));
      if (!row) throw new Error(`a run refers to stored value ${column.slice(prefixLength)}, which is missing`);
      return row.json;
    },
    pruneUnreferenced: () => prune.run().changes,
  };
}
