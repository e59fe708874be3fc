import type { Store } from '@switchyard/engine';
import type { AccessStore } from './access-store.js';
import type { AlertStore } from './alert-store.js';
import type { CredentialStore } from './credential-store.js';
import type { RetentionStore } from './retention-store.js';
import type { ScheduleStore } from './schedule-store.js';
import type { StoreHealth } from './store-health.js';
import type { WorkflowStore } from './workflow-store.js';

// The server's storage ports. Each feature folder is typed against the narrow port it uses;
// only the composition roots (start.ts, commands.ts) know which adapter answers them.

/** Everything the server stores: the engine's Store and the server's own ports, in one object. */
export type ServerStore = Store & WorkflowStore & AccessStore & CredentialStore & AlertStore & ScheduleStore & StoreHealth & RetentionStore;

export type { AccessStore, AlertStore, CredentialStore, ScheduleStore, StoreHealth, WorkflowStore, RetentionStore };
export type { PrunedRunTotals } from './retention-store.js';
export type { CommitStats, CheckpointStats } from './store-health.js';
export type { AlertDeliveryRecord, AlertRecord, AlertRuleRecord, ApiKeyRecord, CredentialRecord, LockPolicy, ScheduleFireRecord, SessionRecord, SigninTokenRecord } from './records.js';
export { ConflictError, InvalidCursorError, StoreBusyError, StoreClosedError, StoreFailureError } from './errors.js';
