// The data directory holds run payloads (request and response bodies, outputs) and the
// credential key: only the account the server runs as may read it. And one SQLite database is
// driven by one server: a second one would take back the same unfinished runs and call the
// same integrations twice, so it is refused before it opens the file.
import fs from 'node:fs';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the directory private, or makes an existing one private (answers whether it had to). */
export function preparePrivateDir(dir: string): { tightened: boolean } {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode === PRIVATE_DIR) return { tightened: false };
  fs.chmodSync(dir, PRIVATE_DIR);
  return { tightened: true };
}

/** The database file and its WAL and shared-memory files, created or made readable by the owner only. */
export function privateDatabaseFiles(dbPath: string): void {
  // SQLite creates -wal and -shm with the database file's permissions: create that one private.
  fs.closeSync(fs.openSync(dbPath, 'a', PRIVATE_FILE));
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    try {
      if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE) fs.chmodSync(file, PRIVATE_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export interface DatabaseLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<db>.lock` (holding this process's id) or refuses with a clear message when a live
 * process holds it. A lock left by a process that died is taken over.
 */
export function lockDatabase(dbPath: string): DatabaseLock {
  const lockPath = `${dbPath}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx', mode: PRIVATE_FILE });
      return {
        release() {
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`${dbPath} is in use by another Switchyard server (process ${holder}); stop it first, or give this one its own data directory (--data-dir)`);
      }
      if (holder === process.pid) throw new Error(`${dbPath} is already open in this process`);
      // Left by a process that is gone: take it over.
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}
