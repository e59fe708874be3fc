import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidCursorError, StoreBusyError, StoreClosedError, StoreFailureError } from '../ports/index.js';
import { toApiError } from './map-error.js';

// The API answers store failures by the port's error classes, whatever adapter threw them.
describe('toApiError on the store port errors', () => {
  it('a taken id is 409 conflict; a foreign cursor is 400 with the cursor located', () => {
    expect(toApiError(new ConflictError('workflow wf_1 already exists'))).toMatchObject({ code: 'conflict', status: 409, message: 'that id is already taken' });
    expect(toApiError(new InvalidCursorError('nope'))).toMatchObject({ code: 'invalid_request', status: 400, details: { issues: [{ path: ['cursor'] }] } });
  });

  it('a store that cannot read or commit is 503 with Retry-After; a held lock says so', () => {
    for (const failure of [new StoreFailureError('database or disk is full', { code: 'SQLITE_FULL' }), new StoreClosedError('the store is closed')]) {
      expect(toApiError(failure)).toMatchObject({ code: 'unavailable', status: 503, message: 'the store cannot commit right now; retry later', headers: { 'retry-after': '5' } });
    }
    expect(toApiError(new StoreBusyError('locked', { waitedMs: 5000, code: 'SQLITE_BUSY' }))).toMatchObject({ code: 'unavailable', message: 'the store is locked by another process; retry later' });
  });

  it('a database code on some other error is not taken for a store failure: that is a bug (500)', () => {
    expect(toApiError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBeUndefined();
  });
});
