import type { Migration } from './migration.js';

/**
 * Credential locks (semantics.md "Credentials"): the times of recent auth failures with a
 * credential, and when it was locked after too many of them.
 */
export const credentialLocks: Migration = {
  version: 3,
  name: 'credential-locks',
  sql: `
    ALTER TABLE credentials ADD COLUMN auth_failures TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE credentials ADD COLUMN locked_at INTEGER;
  `,
};
