import type Database from 'better-sqlite3';
import { prepareAccessTables, type AccessTables } from './access.js';
import { prepareAlertTables, type AlertTables } from './alerts.js';
import { prepareAttemptsTable, type AttemptsTable } from './attempts.js';
import { prepareCredentialsTable, type CredentialsTable } from './credentials.js';
import { prepareIdempotencyKeysTable, type IdempotencyKeysTable } from './idempotency-keys.js';
import { prepareIntegrationsTable, type IntegrationsTable } from './integrations.js';
import { prepareLastKnownGoodTable, type LastKnownGoodTable } from './last-known-good.js';
import { prepareNodeRunsTable, type NodeRunsTable } from './node-runs.js';
import { prepareRetentionTables, type RetentionTables } from './retention.js';
import { prepareRunsTable, type RunsTable } from './runs.js';
import { prepareRunLeasesTable, type RunLeasesTable } from './run-leases.js';
import { prepareRunValuesTable, type RunValuesTable } from './run-values.js';
import { prepareScheduleFiresTable, type ScheduleFiresTable } from './schedule-fires.js';
import { prepareTimersTable, type TimersTable } from './timers.js';
import { prepareWorkflowsTable, type WorkflowsTable } from './workflows.js';

/** Every table's prepared statements, created once when the store opens. */
export interface Tables {
  workflows: WorkflowsTable;
  integrations: IntegrationsTable;
  runs: RunsTable;
  nodeRuns: NodeRunsTable;
  runValues: RunValuesTable;
  runLeases: RunLeasesTable;
  attempts: AttemptsTable;
  timers: TimersTable;
  idempotencyKeys: IdempotencyKeysTable;
  lastKnownGood: LastKnownGoodTable;
  credentials: CredentialsTable;
  access: AccessTables;
  alerts: AlertTables;
  scheduleFires: ScheduleFiresTable;
  retention: RetentionTables;
}

export function prepareTables(db: Database.Database): Tables {
  const runValues = prepareRunValuesTable(db);
  return {
    runValues,
    runLeases: prepareRunLeasesTable(db),
    workflows: prepareWorkflowsTable(db),
    integrations: prepareIntegrationsTable(db),
    runs: prepareRunsTable(db, runValues),
    nodeRuns: prepareNodeRunsTable(db, runValues),
    attempts: prepareAttemptsTable(db),
    timers: prepareTimersTable(db),
    idempotencyKeys: prepareIdempotencyKeysTable(db),
    lastKnownGood: prepareLastKnownGoodTable(db),
    credentials: prepareCredentialsTable(db),
    access: prepareAccessTables(db),
    alerts: prepareAlertTables(db),
    scheduleFires: prepareScheduleFiresTable(db),
    retention: prepareRetentionTables(db, runValues),
  };
}
