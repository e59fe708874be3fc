import type { Migration } from './migration.js';

/**
 * Integration protections (semantics.md "Isolation of integrations"): an integration's breaker,
 * bulkhead, rate limit and retry budget settings, and every change of its breaker's state (the
 * newest one is the state a restarted engine takes back; the rest is the breaker's history).
 */
export const integrationProtections: Migration = {
  version: 4,
  name: 'integration-protections',
  sql: `
    ALTER TABLE integrations ADD COLUMN protections TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE breaker_transitions (
      seq            INTEGER NOT NULL PRIMARY KEY,
      integration_id TEXT    NOT NULL,
      at             INTEGER NOT NULL,
      from_state     TEXT    NOT NULL,
      to_state       TEXT    NOT NULL,
      reason         TEXT    NOT NULL
    );
    CREATE INDEX breaker_transitions_by_integration ON breaker_transitions (integration_id, seq);
  `,
};
