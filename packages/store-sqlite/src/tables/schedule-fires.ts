import type Database from 'better-sqlite3';

/** The scheduled time (epoch ms) a workflow's schedule trigger fired last. */
export interface ScheduleFireRecord {
  workflowId: string;
  nodeId: string;
  lastFiredAt: number;
}

export interface ScheduleFiresTable {
  /** Keeps the latest: recording an earlier time than the stored one changes nothing. */
  record(record: ScheduleFireRecord): void;
  get(workflowId: string, nodeId: string): ScheduleFireRecord | undefined;
}

export function prepareScheduleFiresTable(db: Database.Database): ScheduleFiresTable {
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO schedule_fires (workflow_id, node_id, last_fired_at) VALUES (?, ?, ?)
     ON CONFLICT (workflow_id, node_id) DO UPDATE SET last_fired_at = excluded.last_fired_at
     WHERE excluded.last_fired_at > schedule_fires.last_fired_at`,
  );
  const get = db.prepare<[string, string], { last_fired_at: number }>('SELECT last_fired_at FROM schedule_fires WHERE workflow_id = ? AND node_id = ?');
  return {
    record: ({ workflowId, nodeId, lastFiredAt }) => {
      upsert.run(workflowId, nodeId, lastFiredAt);
    },
    get: (workflowId, nodeId) => {
      const row = get.get(workflowId, nodeId);
      return row === undefined ? undefined : { workflowId, nodeId, lastFiredAt: row.last_fired_at };
    },
  };
}
