import { createHash } from 'node:crypto';
import { dialectOf, sqliteFileOf } from './database.js';
import type { Database } from './database.js';
import { openMysql } from './mysql.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

export interface PoolLimits {
  /** Connections per credential's pool. */
  connections: number;
  /** An idle connection is closed after this long. */
  idleMs: number;
  /** Opening a connection fails with `timeout` after this long. */
  connectMs: number;
  /** Pools kept open at once; the least recently used is closed beyond it. */
  pools: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { connections: 4, idleMs: 30_000, connectMs: 10_000, pools: 32 };

/** The sql node's pools: one per connection credential, replaced when its connection string changes. */
export interface DatabasePools {
  /** The pool for this credential and connection string, or why there can be none. */
  get(credentialId: string, connectionString: string): Database | { error: string };
  /** Closes every pool (registry shutdown). */
  close(): Promise<void>;
}

interface Entry {
  fingerprint: string;
  database: Database;
}

function fingerprintOf(connectionString: string): string {
  return createHash('sha256').update(connectionString).digest('hex');
}

function open(connectionString: string, limits: PoolLimits): Database | { error: string } {
  switch (dialectOf(connectionString)) {
    case 'postgres':
      return openPostgres(connectionString, limits);
    case 'mysql':
      return openMysql(connectionString, limits);
    case 'sqlite':
      return openSqlite(sqliteFileOf(connectionString));
    default:
      return { error: 'the connection string names no supported database (postgres://, mysql://, mariadb://, sqlite:)' };
  }
}

export function createDatabasePools(limits: PoolLimits = DEFAULT_POOL_LIMITS): DatabasePools {
  // Insertion order is use order: an entry is re-inserted on every use.
  const entries = new Map<string, Entry>();
  const closing = new Set<Promise<void>>();
  const retire = (database: Database) => {
    // Closing waits for checked-out connections; callers go on meanwhile.
    const p = database.close().catch(() => undefined);
    closing.add(p);
    void p.finally(() => closing.delete(p));
  };
  return {
    get(credentialId, connectionString) {
      const fingerprint = fingerprintOf(connectionString);
      const existing = entries.get(credentialId);
      entries.delete(credentialId);
      if (existing && existing.fingerprint === fingerprint) {
        entries.set(credentialId, existing);
        return existing.database;
      }
      // The credential changed: its old connections belong to the old secret.
      if (existing) retire(existing.database);
      const database = open(connectionString, limits);
      if ('error' in database) return database;
      entries.set(credentialId, { fingerprint, database });
      for (const [id, entry] of entries) {
        if (entries.size <= limits.pools) break;
        entries.delete(id);
        retire(entry.database);
      }
      return database;
    },
    async close() {
      for (const entry of entries.values()) retire(entry.database);
      entries.clear();
      await Promise.all([...closing]);
    },
  };
}
