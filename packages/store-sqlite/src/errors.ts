import Database from 'better-sqlite3';
import { StoreBusyError, StoreClosedError, StoreFailureError } from '@switchyard/schema';

// The port's errors (declared in @switchyard/schema, shared by every store adapter), re-exported
// so this package's callers and tests keep one import; only SchemaVersionError is SQLite's own.
export { ConflictError, InvalidCursorError, StoreBusyError, StoreClosedError, StoreFailureError } from '@switchyard/schema';

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

/** Any call after `close()`. */
export function storeClosed(path: string): StoreClosedError {
  return new StoreClosedError(`the SQLite store at ${path} is closed`);
}

/**
 * Another process held the database's write lock for the whole wait a write may spend on it
 * (the store's busyTimeoutMs). The code stays SQLITE_BUSY so callers that still sort store
 * outages by SQLite code (the engine's step failures) keep recognising it.
 */
export function storeBusy(path: string, waitedMs: number, cause: unknown): StoreBusyError {
  return new StoreBusyError(`the SQLite store at ${path} stayed locked by another process for ${waitedMs} ms; retry later`, { waitedMs, code: 'SQLITE_BUSY', cause });
}

/**
 * What a caller of the store sees for an error thrown while reading or writing: SQLite's own
 * errors become the port's StoreFailureError (message and code kept, the original as `cause`),
 * so no caller needs to know SQLite; the store's and the engine's own errors pass unchanged.
 */
export function toPortError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) return new StoreFailureError(error.message, { code: error.code, cause: error });
  return error;
}
