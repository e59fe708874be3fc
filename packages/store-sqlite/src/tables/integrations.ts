import type Database from 'better-sqlite3';
import type { BreakerTransitionRecord, IntegrationRecord } from '@switchyard/engine';
import type { BreakerState, IntegrationProtections } from '@switchyard/schema';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

interface IntegrationRow {
  id: string;
  name: string;
  base_url: string;
  timeout_ms: number | null;
  credential: string | null;
  protections: string;
  created_at: number;
  updated_at: number;
}

interface BreakerTransitionRow {
  integration_id: string;
  at: number;
  from_state: string;
  to_state: string;
  reason: string;
}

function toRow(integration: IntegrationRecord): IntegrationRow {
  return {
    id: integration.id,
    name: integration.name,
    base_url: integration.baseUrl,
    timeout_ms: integration.timeoutMs,
    credential: integration.credential,
    protections: toJsonColumn(integration.protections ?? {}),
    created_at: integration.createdAt,
    updated_at: integration.updatedAt,
  };
}

function fromRow(row: IntegrationRow): IntegrationRecord {
  const protections = fromJsonColumn<IntegrationProtections>(row.protections);
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    timeoutMs: row.timeout_ms,
    credential: row.credential,
    ...(Object.keys(protections).length > 0 ? { protections } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function transitionFromRow(row: BreakerTransitionRow): BreakerTransitionRecord {
  // The store reads back only states the engine wrote.
  return { integrationId: row.integration_id, at: row.at, from: row.from_state as BreakerState, to: row.to_state as BreakerState, reason: row.reason };
}

/** How long breaker changes are kept: the longest health window. */
export const BREAKER_HISTORY_MS = 30 * 86_400_000;

export interface IntegrationsTable {
  /** Inserts or replaces every field with the record's: the record is the truth. */
  upsert(integration: IntegrationRecord): void;
  get(id: string): IntegrationRecord | undefined;
  /** Ordered by id. */
  list(): IntegrationRecord[];
  delete(id: string): boolean;
  addBreakerTransition(transition: BreakerTransitionRecord): void;
  latestBreakerTransitions(): BreakerTransitionRecord[];
  listBreakerTransitions(integrationId: string, since: number, limit: number): BreakerTransitionRecord[];
}

const COLUMNS = 'id, name, base_url, timeout_ms, credential, protections, created_at, updated_at';

export function prepareIntegrationsTable(db: Database.Database): IntegrationsTable {
  const upsert = db.prepare<IntegrationRow>(
    `INSERT INTO integrations (${COLUMNS})
     VALUES (@id, @name, @base_url, @timeout_ms, @credential, @protections, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, base_url = excluded.base_url, timeout_ms = excluded.timeout_ms,
       credential = excluded.credential, protections = excluded.protections, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], IntegrationRow>(`SELECT ${COLUMNS} FROM integrations WHERE id = ?`);
  const list = db.prepare<[], IntegrationRow>(`SELECT ${COLUMNS} FROM integrations ORDER BY id`);
  const remove = db.prepare<[string]>('DELETE FROM integrations WHERE id = ?');
  // A new integration under the same id starts with a closed breaker and no history.
  const forgetTransitions = db.prepare<[string]>('DELETE FROM breaker_transitions WHERE integration_id = ?');
  const addTransition = db.prepare<BreakerTransitionRow>(
    `INSERT INTO breaker_transitions (integration_id, at, from_state, to_state, reason)
     VALUES (@integration_id, @at, @from_state, @to_state, @reason)`,
  );
  const latestTransitions = db.prepare<[], BreakerTransitionRow>(
    `SELECT integration_id, at, from_state, to_state, reason FROM breaker_transitions
     WHERE seq IN (SELECT MAX(seq) FROM breaker_transitions GROUP BY integration_id)
     ORDER BY integration_id`,
  );
  const pruneTransitions = db.prepare<[string, number]>('DELETE FROM breaker_transitions WHERE integration_id = ? AND at < ?');
  const listTransitions = db.prepare<[string, number, number], BreakerTransitionRow>(
    `SELECT integration_id, at, from_state, to_state, reason FROM breaker_transitions
     WHERE integration_id = ? AND at >= ? ORDER BY seq DESC LIMIT ?`,
  );

  return {
    upsert: (integration) => {
      upsert.run(toRow(integration));
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => list.all().map(fromRow),
    delete: (id) => {
      forgetTransitions.run(id);
      return remove.run(id).changes === 1;
    },
    addBreakerTransition: (t) => {
      addTransition.run({ integration_id: t.integrationId, at: t.at, from_state: t.from, to_state: t.to, reason: t.reason });
      // History is shown for at most 30 days: older changes go (the one just added is the newest).
      pruneTransitions.run(t.integrationId, t.at - BREAKER_HISTORY_MS);
    },
    latestBreakerTransitions: () => latestTransitions.all().map(transitionFromRow),
    listBreakerTransitions: (integrationId, since, limit) => listTransitions.all(integrationId, since, limit).map(transitionFromRow),
  };
}
