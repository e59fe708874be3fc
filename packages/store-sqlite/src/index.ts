export { openSqliteStore, DEFAULT_BUSY_TIMEOUT_MS } from './open-sqlite-store.js';
export type { SqliteStoreOptions } from './open-sqlite-store.js';
export type { SqliteStore } from './sqlite-store.js';
export type { SqliteSettings, SynchronousMode } from './open-database.js';
export type { GroupCommitStats } from './group-commit.js';
export type { CheckpointStats } from './checkpointer.js';
export { ConflictError, InvalidCursorError, SchemaVersionError, StoreClosedError } from './errors.js';
export type { CredentialRecord, LockPolicy } from './tables/credentials.js';
export type { ApiKeyRecord, SessionRecord, SigninTokenRecord } from './tables/access.js';
