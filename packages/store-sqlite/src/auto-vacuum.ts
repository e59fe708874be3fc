import type Database from 'better-sqlite3';

/** How the file came to give freed pages back on request (PRAGMA incremental_vacuum). */
export type AutoVacuumChange = 'already' | 'new-file' | 'converted';

const INCREMENTAL = 2;

/**
 * Pruned runs free pages; with auto_vacuum INCREMENTAL the store can hand them back to the file
 * system a few at a time. SQLite changes the mode of a file that has its header only by a VACUUM:
 * instant on a new file, but a file made by an earlier build is rewritten whole once (on a large
 * database this takes a while, once, when the server first starts with this build).
 */
export function ensureIncrementalVacuum(db: Database.Database): AutoVacuumChange {
  if (Number(db.pragma('auto_vacuum', { simple: true })) === INCREMENTAL) return 'already';
  const tables = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n ?? 0;
  db.pragma('auto_vacuum = INCREMENTAL');
  // Once the file has its header (WAL mode writes it) even an empty one needs the VACUUM: cheap then.
  db.exec('VACUUM');
  if (Number(db.pragma('auto_vacuum', { simple: true })) !== INCREMENTAL) throw new Error(`${db.name}: SQLite did not take auto_vacuum = INCREMENTAL`);
  return tables === 0 ? 'new-file' : 'converted';
}
