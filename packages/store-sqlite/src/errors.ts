/** A create with an id that is already taken (a workflow id stays taken after its deletion). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The file was written by a newer Switchyard: opening it could corrupt data this build does not know. */
export class SchemaVersionError extends Error {
  readonly fileVersion: number;
  readonly supportedVersion: number;

  constructor(path: string, fileVersion: number, supportedVersion: number) {
    super(
      `${path} has database schema version ${fileVersion}, newer than the ${supportedVersion} this build of ` +
        'Switchyard supports; upgrade Switchyard or open a copy made before the upgrade',
    );
    this.name = 'SchemaVersionError';
    this.fileVersion = fileVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** A `listRuns` cursor this store did not hand out. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`invalid runs cursor: ${JSON.stringify(cursor.slice(0, 100))}`);
    this.name = 'InvalidCursorError';
  }
}

/** Any call after `close()`. */
export class StoreClosedError extends Error {
  constructor(path: string) {
    super(`the SQLite store at ${path} is closed`);
    this.name = 'StoreClosedError';
  }
}

/**
 * Another process held the database's write lock for the whole wait a write may spend on it
 * (the store's busyTimeoutMs). The code stays SQLITE_BUSY so callers that sort store outages
 * by SQLite code (the engine's step failures, the server's 503) keep recognising it.
 */
export class StoreBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
  readonly waitedMs: number;
  constructor(path: string, waitedMs: number, options?: { cause?: unknown }) {
    super(`the SQLite store at ${path} stayed locked by another process for ${waitedMs} ms; retry later`, options);
    this.name = 'StoreBusyError';
    this.waitedMs = waitedMs;
  }
}
