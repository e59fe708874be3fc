import { EngineError } from '@switchyard/engine';
import { ConflictError, InvalidCursorError, StoreBusyError, StoreFailureError } from '../ports/index.js';
import { ApiError } from './api-error.js';

/** Seconds a client should wait before retrying when the store cannot commit. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export function unavailable(message = 'the store cannot commit right now; retry later'): ApiError {
  return new ApiError('unavailable', message, undefined, { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_S) });
}

/**
 * Whether an error means the store could not read or commit (locked, closed, disk full, I/O):
 * the port's StoreFailureError, whatever the adapter (it translates its native errors).
 */
export function isStoreFailure(err: unknown): boolean {
  return err instanceof StoreFailureError;
}

/**
 * Turns what deeper layers throw into an ApiError; undefined means a bug (rendered as
 * `internal`, with the request id, and logged).
 */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof EngineError) {
    switch (err.code) {
      case 'not_found':
        return new ApiError('not_found', err.message);
      case 'conflict':
        return new ApiError('conflict', err.message);
      case 'invalid':
        return new ApiError('invalid_request', err.message);
      case 'unavailable':
        return unavailable(err.message);
    }
  }
  if (err instanceof ConflictError) return new ApiError('conflict', 'that id is already taken');
  if (err instanceof InvalidCursorError) return new ApiError('invalid_request', 'the cursor is not valid', { issues: [{ path: ['cursor'], message: 'not a cursor this server issued' }] });
  // Another process held the database's write lock for the whole wait: nothing was written.
  if (err instanceof StoreBusyError) return unavailable('the store is locked by another process; retry later');
  if (isStoreFailure(err)) return unavailable();
  return undefined;
}
