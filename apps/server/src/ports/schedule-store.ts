import type { ScheduleFireRecord } from './records.js';

/** When each schedule trigger fired last: what schedules/ needs to catch up after a restart. */
export interface ScheduleStore {
  /** Records that a schedule trigger fired for a scheduled time; an earlier time than the stored one is ignored. */
  recordScheduleFire(record: ScheduleFireRecord): Promise<void>;
  getScheduleFire(workflowId: string, nodeId: string): Promise<ScheduleFireRecord | undefined>;
}
