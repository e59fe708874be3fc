import { ensureIncrementalVacuum } from './auto-vacuum.js';
import { startCheckpointer } from './checkpointer.js';
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
  /**
   * How long a write waits in all for another process's write lock before failing with
   * SQLITE_BUSY (default 5000). The wait is spent between short tries from a timer, never
   * blocking the event loop for more than LOCK_TRY_MS at a time.
   */
  busyTimeoutMs?: number;
  /**
   * `background` (default): WAL checkpoints run on a worker thread with its own connection, so
   * no commit waits for one; `inline`: SQLite's own, run by the commit that crosses 1000 pages.
   */
  checkpoints?: 'background' | 'inline';
  /** The WAL's size past which it is truncated once checkpointed (default 64 MiB). */
  walLimitBytes?: number;
  /** Told when the background checkpointer fails (the store falls back to inline checkpoints). */
  onCheckpointError?: (message: string) => void;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** How long one try of a write blocks waiting for another process's lock (SQLite's busy_timeout). */
export const LOCK_TRY_MS = 20;

/** Opens (or creates) the file, migrates it to this build's schema and answers the Store on it. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const synchronous = options.synchronous ?? 'NORMAL';
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const db = openDatabase({ path: options.path, synchronous, busyTimeoutMs: Math.min(busyTimeoutMs, LOCK_TRY_MS) });
  try {
    // Before the migrations: on a new file the mode is set before the first table exists.
    ensureIncrementalVacuum(db);
    applyMigrations(db, MIGRATIONS, options.path);
    const checkpointer = options.checkpoints === 'inline' ? undefined : startCheckpointer(db, { path: options.path, synchronous, busyTimeoutMs, ...(options.walLimitBytes === undefined ? {} : { walLimitBytes: options.walLimitBytes }), ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}) });
    return new BetterSqliteStore(options.path, db, prepareTables(db), checkpointer, { lockWaitMs: busyTimeoutMs });
  } catch (error) {
    db.close();
    throw error;
  }
}
