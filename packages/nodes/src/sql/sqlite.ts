import BetterSqlite3 from 'better-sqlite3';
import { classifySqliteError } from './classify.js';
import type { Database, RunOptions, Statement, StatementResult } from './database.js';
import { toBindable } from './json-values.js';

type Bindable = string | number | bigint | Buffer | null;

/** SQLite has no booleans: true and false are bound as 1 and 0, as SQLite itself stores them. */
function bindable(value: ReturnType<typeof toBindable>): Bindable {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * One better-sqlite3 handle per file (SQLite serialises writers anyway). Its calls are
 * synchronous, so `timeoutMs` bounds waiting for another writer's lock (busy timeout), not a
 * long-running statement: a SQLite query cannot be interrupted from outside.
 */
export function openSqlite(file: string): Database {
  let db: BetterSqlite3.Database | undefined;
  return {
    run(statements, options) {
      try {
        db ??= new BetterSqlite3(file, { fileMustExist: false });
        return Promise.resolve({ ok: true, results: runOn(db, statements, options) });
      } catch (err) {
        return Promise.resolve({ ok: false, failure: classifySqliteError(err) });
      }
    },
    close() {
      db?.close();
      db = undefined;
      return Promise.resolve();
    },
  };
}

function runOn(db: BetterSqlite3.Database, statements: readonly Statement[], options: RunOptions): StatementResult[] {
  db.pragma(`busy_timeout = ${Math.floor(options.timeoutMs)}`);
  const runAll = () => statements.map((s) => runOne(db, s));
  return options.transaction ? db.transaction(runAll).immediate() : runAll();
}

function runOne(db: BetterSqlite3.Database, s: Statement): StatementResult {
  const stmt = db.prepare(s.query);
  const values = s.params.map((v) => bindable(toBindable(v)));
  if (stmt.reader) {
    const rows = stmt.all(...values) as Record<string, unknown>[];
    return { rows, rowCount: rows.length };
  }
  return { rows: [], rowCount: stmt.run(...values).changes };
}
