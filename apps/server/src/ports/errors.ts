// The errors a store behind these ports throws, defined by meaning (in @switchyard/schema, so
// the engine and every adapter share them): the server sorts store failures with `instanceof`
// and never by a database's error codes.
export { ConflictError, InvalidCursorError, StoreBusyError, StoreClosedError, StoreFailureError } from '@switchyard/schema';
