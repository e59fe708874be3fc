import type { Migration } from './migration.js';

/**
 * Alerting (semantics.md "Health, alerts and learning"): the rules, and the alerts they raised
 * with their escalation level, acknowledgement, occurrences, context and deliveries (JSON).
 */
export const alerts: Migration = {
  version: 5,
  name: 'alerts',
  sql: `
    CREATE TABLE alert_rules (
      id         TEXT    NOT NULL PRIMARY KEY,
      definition TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE alerts (
      id              TEXT    NOT NULL PRIMARY KEY,
      rule_id         TEXT    NOT NULL,
      subject         TEXT    NOT NULL,
      status          TEXT    NOT NULL,
      level           INTEGER NOT NULL,
      opened_at       INTEGER NOT NULL,
      last_seen_at    INTEGER NOT NULL,
      occurrences     INTEGER NOT NULL,
      acknowledged_at INTEGER,
      resolved_at     INTEGER,
      context         TEXT    NOT NULL,
      deliveries      TEXT    NOT NULL
    );
    CREATE INDEX alerts_by_rule_subject ON alerts (rule_id, subject, status);
    CREATE INDEX alerts_by_opened ON alerts (opened_at);
  `,
};
