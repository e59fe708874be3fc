import type { Migration } from './migration.js';

/** A credential's recovery workflow (semantics.md "Credentials"): started when the credential is locked. */
export const credentialRecovery: Migration = {
  version: 7,
  name: 'credential-recovery',
  sql: `ALTER TABLE credentials ADD COLUMN recovery_workflow_id TEXT;`,
};
