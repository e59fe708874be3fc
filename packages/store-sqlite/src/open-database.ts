import Database from 'better-sqlite3';

export type SynchronousMode = 'NORMAL' | 'FULL';

export interface DatabaseOptions {
  path: string;
  synchronous: SynchronousMode;
  busyTimeoutMs: number;
}

/** The settings in effect on the store's own connection, read back from SQLite. */
export interface SqliteSettings {
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  foreignKeys: boolean;
  /** How long a write waits in all for another process's write lock (the store's setting). */
  busyTimeoutMs: number;
  /** How long one try blocks on it (SQLite's busy_timeout on the connection). */
  lockTryMs: number;
  /** WAL pages after which a commit checkpoints inline; 0 while a background checkpointer runs. */
  autocheckpointPages: number;
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/** Opens the file with the settings durability depends on, and checks that SQLite took them. */
export function openDatabase(options: DatabaseOptions): Database.Database {
  if (!Number.isInteger(options.busyTimeoutMs) || options.busyTimeoutMs < 0) {
    throw new RangeError(`busyTimeoutMs must be a non-negative integer, got ${options.busyTimeoutMs}`);
  }
  const db = new Database(options.path, { timeout: options.busyTimeoutMs });
  try {
    // Set explicitly as well: the busy timeout is what lets a second process wait for the write lock.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') throw new Error(`${options.path}: SQLite refused WAL mode (journal_mode is ${String(journalMode)})`);
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    // A WAL reset after a checkpoint is cut back to this size instead of keeping its largest.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function readSettings(db: Database.Database, lockWaitMs: number): SqliteSettings {
  const level = Number(db.pragma('synchronous', { simple: true }));
  const synchronous = SYNCHRONOUS_NAMES[level];
  if (synchronous === undefined) throw new Error(`unexpected PRAGMA synchronous value ${level}`);
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous,
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })) === 1,
    busyTimeoutMs: lockWaitMs,
    lockTryMs: Number(db.pragma('busy_timeout', { simple: true })),
    autocheckpointPages: Number(db.pragma('wal_autocheckpoint', { simple: true })),
  };
}
