import fs from 'node:fs';
import Database from 'better-sqlite3';

export interface BackupResult {
  file: string;
  bytes: number;
  runs: number;
  workflows: number;
}

/** Pages per step past which the rest goes in one step: a long copy is never restarted forever by a busy writer. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live database through SQLite's online backup: its own read-only
 * connection, so a running server (which holds `<db>.lock`) keeps writing meanwhile. The copy is
 * written beside `dest`, checked (quick_check) and only then moved into place: a failed backup
 * never leaves a half-written file under the name asked for.
 */
export async function backupDatabase(source: string, dest: string): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`${source}: no such database`);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists: choose a new file name`);
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // The first steps are small; the rest goes in one step inside one read transaction.
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed SQLite's check: ${String(check)}`);
      const runs = copy.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM runs').get()?.n ?? 0;
      const workflows = copy.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM workflows').get()?.n ?? 0;
      // One file, no WAL beside it: the copy can be moved and opened anywhere.
      copy.pragma('journal_mode = DELETE');
      copy.close();
      fs.chmodSync(partial, 0o600);
      fs.renameSync(partial, dest);
      return { file: dest, bytes: fs.statSync(dest).size, runs, workflows };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (error) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-wal`, { force: true });
    fs.rmSync(`${partial}-shm`, { force: true });
    throw error;
  }
}
