import type Database from 'better-sqlite3';
import type { AlertRule, AlertStatus, Json } from '@switchyard/schema';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

export interface AlertRuleRecord {
  id: string;
  rule: AlertRule;
  createdAt: number;
  updatedAt: number;
}

/** One notification of one channel: what was sent, and how it went. */
export interface AlertDeliveryRecord {
  level: number;
  /** Which of the level's channels (its label alone may not tell two apart). */
  channelIndex: number;
  event: 'opened' | 'escalated' | 'resolved';
  channel: string;
  at: number;
  ok: boolean;
  /** What the channel answered: an HTTP status, a run id, an SMTP reply; or why it failed. */
  detail: string;
  tries: number;
}

export interface AlertRecord {
  id: string;
  ruleId: string;
  /** What the alert is about (an integration, a credential, a workflow): one open alert per rule and subject. */
  subject: string;
  status: AlertStatus;
  /** The escalation level notified last (0: the first). */
  level: number;
  openedAt: number;
  lastSeenAt: number;
  occurrences: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  context: Json;
  deliveries: AlertDeliveryRecord[];
}

interface AlertRuleRow {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

interface AlertRow {
  id: string;
  rule_id: string;
  subject: string;
  status: string;
  level: number;
  opened_at: number;
  last_seen_at: number;
  occurrences: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  context: string;
  deliveries: string;
}

export interface AlertTables {
  putRule(record: AlertRuleRecord): void;
  getRule(id: string): AlertRuleRecord | undefined;
  listRules(): AlertRuleRecord[];
  deleteRule(id: string): boolean;
  putAlert(record: AlertRecord): void;
  getAlert(id: string): AlertRecord | undefined;
  /** The alert of a rule and subject that is not resolved, if any. */
  openAlert(ruleId: string, subject: string): AlertRecord | undefined;
  /** Newest first. */
  listAlerts(filter: { status?: AlertStatus; limit: number }): AlertRecord[];
  /** Firing and acknowledged alerts, oldest first: what escalation and retries look at. */
  listOpenAlerts(): AlertRecord[];
}

const ALERT_COLUMNS = 'id, rule_id, subject, status, level, opened_at, last_seen_at, occurrences, acknowledged_at, resolved_at, context, deliveries';

function ruleFromRow(row: AlertRuleRow): AlertRuleRecord {
  return { id: row.id, rule: fromJsonColumn<AlertRule>(row.definition), createdAt: row.created_at, updatedAt: row.updated_at };
}

function alertFromRow(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    ruleId: row.rule_id,
    subject: row.subject,
    status: row.status as AlertStatus,
    level: row.level,
    openedAt: row.opened_at,
    lastSeenAt: row.last_seen_at,
    occurrences: row.occurrences,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    context: fromJsonColumn<Json>(row.context),
    deliveries: fromJsonColumn<AlertDeliveryRecord[]>(row.deliveries),
  };
}

function alertToRow(a: AlertRecord): AlertRow {
  return {
    id: a.id,
    rule_id: a.ruleId,
    subject: a.subject,
    status: a.status,
    level: a.level,
    opened_at: a.openedAt,
    last_seen_at: a.lastSeenAt,
    occurrences: a.occurrences,
    acknowledged_at: a.acknowledgedAt,
    resolved_at: a.resolvedAt,
    context: toJsonColumn(a.context),
    deliveries: toJsonColumn(a.deliveries),
  };
}

export function prepareAlertTables(db: Database.Database): AlertTables {
  const putRule = db.prepare<AlertRuleRow>(
    `INSERT INTO alert_rules (id, definition, created_at, updated_at) VALUES (@id, @definition, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
  );
  const getRule = db.prepare<[string], AlertRuleRow>('SELECT id, definition, created_at, updated_at FROM alert_rules WHERE id = ?');
  const listRules = db.prepare<[], AlertRuleRow>('SELECT id, definition, created_at, updated_at FROM alert_rules ORDER BY id');
  const deleteRule = db.prepare<[string]>('DELETE FROM alert_rules WHERE id = ?');
  const putAlert = db.prepare<AlertRow>(
    `INSERT INTO alerts (${ALERT_COLUMNS}) VALUES (@id, @rule_id, @subject, @status, @level, @opened_at, @last_seen_at, @occurrences, @acknowledged_at, @resolved_at, @context, @deliveries)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, level = excluded.level, last_seen_at = excluded.last_seen_at,
       occurrences = excluded.occurrences, acknowledged_at = excluded.acknowledged_at, resolved_at = excluded.resolved_at,
       context = excluded.context, deliveries = excluded.deliveries`,
  );
  const getAlert = db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`);
  const openAlert = db.prepare<[string, string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE rule_id = ? AND subject = ? AND status != 'resolved' ORDER BY opened_at DESC LIMIT 1`);
  const listAll = db.prepare<[number], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY opened_at DESC, id DESC LIMIT ?`);
  const listByStatus = db.prepare<[string, number], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE status = ? ORDER BY opened_at DESC, id DESC LIMIT ?`);
  const listOpen = db.prepare<[], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE status != 'resolved' ORDER BY opened_at, id`);
  return {
    putRule: (r) => {
      putRule.run({ id: r.id, definition: toJsonColumn(r.rule), created_at: r.createdAt, updated_at: r.updatedAt });
    },
    getRule: (id) => {
      const row = getRule.get(id);
      return row === undefined ? undefined : ruleFromRow(row);
    },
    listRules: () => listRules.all().map(ruleFromRow),
    deleteRule: (id) => deleteRule.run(id).changes === 1,
    putAlert: (a) => {
      putAlert.run(alertToRow(a));
    },
    getAlert: (id) => {
      const row = getAlert.get(id);
      return row === undefined ? undefined : alertFromRow(row);
    },
    openAlert: (ruleId, subject) => {
      const row = openAlert.get(ruleId, subject);
      return row === undefined ? undefined : alertFromRow(row);
    },
    listAlerts: ({ status, limit }) => (status === undefined ? listAll.all(limit) : listByStatus.all(status, limit)).map(alertFromRow),
    listOpenAlerts: () => listOpen.all().map(alertFromRow),
  };
}
