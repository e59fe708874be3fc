// The errors a storage adapter throws, named by what they mean rather than by the database
// behind them. They live here, below the engine, because every store adapter (SQLite today,
// PostgreSQL next) and every caller (the engine, the server) must agree on them without
// depending on each other: an adapter translates its native errors into these, and callers
// sort failures with `instanceof` instead of matching a database's error codes.

/** A create with an id that is already taken (a workflow id stays taken after its deletion). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A list cursor this store did not hand out. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`invalid runs cursor: ${JSON.stringify(cursor.slice(0, 100))}`);
    this.name = 'InvalidCursorError';
  }
}

/**
 * The store could not carry out a read or a write for a reason of its own: a full disk, an I/O
 * error, a lock held elsewhere, a constraint it enforces. Nothing of the failed write stands.
 */
export class StoreFailureError extends Error {
  /**
   * The adapter's own code (SQLite's `SQLITE_FULL`, …), for logs and for callers that still sort
   * outages by it; undefined when the adapter has none.
   */
  readonly code: string | undefined;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreFailureError';
    this.code = options.code;
  }
}

/** Another process held the store's write lock for the whole wait a write may spend on it. */
export class StoreBusyError extends StoreFailureError {
  readonly waitedMs: number;

  constructor(message: string, options: { waitedMs: number; code?: string; cause?: unknown }) {
    super(message, options);
    this.name = 'StoreBusyError';
    this.waitedMs = options.waitedMs;
  }
}

/** Any call after the store's `close()`. */
export class StoreClosedError extends StoreFailureError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreClosedError';
  }
}
