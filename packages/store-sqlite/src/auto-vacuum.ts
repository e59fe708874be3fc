import type Database from 'better-sqlite3';

/** How the file came to give freed pages back on request (PRAGMA incremental_vacuum). */
export type AutoVacuumChange = 'already' | 'new-file' | 'converted';

const INCREMENTAL = 2;

/**
 * Pruned runs free pages; with auto_vacuum INCREMENTAL the store can hand them back to the file
 * system a few at a time. SQLite fixes the mode when the first table is created, so a new file
 * gets it for free, but a file made by an earlier build needs one full VACUUM (it rewrites the
 * whole file: on a large database this takes a while, once, when the server first starts).
 */
export function ensureIncrementalVacuum(db: Database.Database): AutoVacuumChange {
  if (Number(db.pragma('auto_vacuum', { simple: true })) === INCREMENTAL) return 'already';
  const tables = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n ?? 0;
  db.pragma('auto_vacuum = INCREMENTAL');
  if (tables === 0) return 'new-file';
  db.exec('VACUUM');
  if (Number(db.pragma('auto_vacuum', { simple: true })) !== INCREMENTAL) throw new Error(`${db.name}: SQLite did not take auto_vacuum = INCREMENTAL`);
  return 'converted';
}
