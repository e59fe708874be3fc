import { applyMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase, type SynchronousMode } from './open-database.js';
import { BetterSqliteStore, type SqliteStore } from './sqlite-store.js';
import { prepareTables } from './tables/index.js';

export interface SqliteStoreOptions {
  /** The database file; created if missing (the directory must exist). */
  path: string;
  /** NORMAL (default) survives a process crash; FULL also survives power loss, at a cost per commit. */
  synchronous?: SynchronousMode;
  /** How long a write waits for another process's write lock before failing with SQLITE_BUSY (default 5000). */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Opens (or creates) the file, migrates it to this build's schema and answers the Store on it. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDatabase({
    path: options.path,
    synchronous: options.synchronous ?? 'NORMAL',
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
  });
  try {
    applyMigrations(db, MIGRATIONS, options.path);
    return new BetterSqliteStore(options.path, db, prepareTables(db));
  } catch (error) {
    db.close();
    throw error;
  }
}
