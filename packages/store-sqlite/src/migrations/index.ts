import { initial } from './001-initial.js';
import { access } from './002-access.js';
import { credentialLocks } from './003-credential-locks.js';
import { integrationProtections } from './004-integration-protections.js';
import { alerts } from './005-alerts.js';
import { scheduleFires } from './006-schedule-fires.js';
import { credentialRecovery } from './007-credential-recovery.js';
import { storeProbe } from './008-store-probe.js';
import { runValues } from './009-run-values.js';
import { runLeases } from './010-run-leases.js';
import { nodeRunHandles } from './011-node-run-handles.js';
import { runModes } from './012-run-modes.js';
import { retention } from './013-retention.js';
import type { Migration } from './migration.js';

/**
 * Every migration, in order of version. The last one's version is the schema version this build
 * writes. Versions rise but may skip one: a version taken by a change still on another branch
 * is applied when it lands, since each version is checked on its own.
 */
export const MIGRATIONS: readonly Migration[] = [initial, access, credentialLocks, integrationProtections, alerts, scheduleFires, credentialRecovery, storeProbe, runValues, runLeases, nodeRunHandles, runModes, retention];

export type { Migration } from './migration.js';
