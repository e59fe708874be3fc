import type { AlertStatus } from '@switchyard/schema';
import type { AlertRecord, AlertRuleRecord } from './records.js';

/** Alert rules and the alerts they raised: what alerts/ and its routes read and write. */
export interface AlertStore {
  putAlertRule(record: AlertRuleRecord): Promise<void>;
  getAlertRule(id: string): Promise<AlertRuleRecord | undefined>;
  listAlertRules(): Promise<AlertRuleRecord[]>;
  deleteAlertRule(id: string): Promise<boolean>;
  putAlert(record: AlertRecord): Promise<void>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  /** The alert of a rule and subject that is not resolved, if any. */
  openAlert(ruleId: string, subject: string): Promise<AlertRecord | undefined>;
  /** Newest first. */
  listAlerts(filter: { status?: AlertStatus; limit: number }): Promise<AlertRecord[]>;
  /** Alerts not resolved, oldest first: what escalation and retries look at. */
  listOpenAlerts(): Promise<AlertRecord[]>;
}
