import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../../src/index.js';

/** A fresh directory in the OS temp dir with a database path in it; `cleanup` closes and deletes. */
export interface TempDb {
  dir: string;
  file: string;
  open(options?: Omit<SqliteStoreOptions, 'path'>): SqliteStore;
  cleanup(): Promise<void>;
}

export function tempDb(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-store-'));
  const file = path.join(dir, 'switchyard.db');
  const opened: SqliteStore[] = [];
  return {
    dir,
    file,
    open: (options = {}) => {
      const store = openSqliteStore({ ...options, path: file });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
