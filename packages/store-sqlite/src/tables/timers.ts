import type Database from 'better-sqlite3';
import type { TimerKind, TimerRecord } from '@switchyard/engine';

interface TimerRow {
  run_id: string;
  node_id: string;
  kind: string;
  due_at: number;
}

function toRow(timer: TimerRecord): TimerRow {
  return { run_id: timer.runId, node_id: timer.nodeId, kind: timer.kind, due_at: timer.dueAt };
}

function fromRow(row: TimerRow): TimerRecord {
  return { runId: row.run_id, nodeId: row.node_id, kind: row.kind as TimerKind, dueAt: row.due_at };
}

export interface TimersTable {
  /** A node has at most one timer: setting another replaces it. */
  set(timer: TimerRecord): void;
  clear(runId: string, nodeId: string): void;
  /** Soonest first. */
  list(): TimerRecord[];
}

export function prepareTimersTable(db: Database.Database): TimersTable {
  const set = db.prepare<TimerRow>(
    `INSERT INTO timers (run_id, node_id, kind, due_at) VALUES (@run_id, @node_id, @kind, @due_at)
     ON CONFLICT (run_id, node_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at`,
  );
  const clear = db.prepare<[string, string]>('DELETE FROM timers WHERE run_id = ? AND node_id = ?');
  const list = db.prepare<[], TimerRow>(
    'SELECT run_id, node_id, kind, due_at FROM timers ORDER BY due_at, run_id, node_id',
  );

  return {
    set: (timer) => {
      set.run(toRow(timer));
    },
    clear: (runId, nodeId) => {
      clear.run(runId, nodeId);
    },
    list: () => list.all().map(fromRow),
  };
}
