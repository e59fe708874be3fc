import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ExecutionResult, ResolvedCredential } from '@switchyard/engine';

/** A value that breaks a query built by string concatenation: it must be bound, never spliced. */
export const INJECTION = "Robert'); drop table students; --";

/** A `connection` credential as the executor receives it. */
export function connection(connectionString: string, id = 'db'): ResolvedCredential {
  return { id, kind: 'connection', connectionString };
}

/** The category of a failed execution (a success fails the test). */
export function categoryOf(result: ExecutionResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.failure.category;
}

export const PG_PORT = 5432;
export const MARIADB_PORT = 3306;

let counter = 0;
/** A database name of this test process: tests in parallel files never share one. */
export function databaseName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

/** A PostgreSQL database made for one test, dropped by `drop()`. */
export async function createPostgresDatabase(): Promise<{ name: string; url: string; client: () => Promise<pg.Client>; drop: () => Promise<void> }> {
  const name = databaseName('sy_sql');
  const admin = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:${PG_PORT}/${name}`;
  const opened: pg.Client[] = [];
  return {
    name,
    url,
    client: async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined);
      await c.connect();
      opened.push(c);
      return c;
    },
    drop: async () => {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
      const a = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', database: 'postgres' });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A MariaDB database made for one test, dropped by `drop()`. */
export async function createMariaDatabase(): Promise<{ name: string; url: string; client: () => Promise<mysql.Connection>; drop: () => Promise<void> }> {
  const name = databaseName('sy_sql');
  const admin = await mysql.createConnection({ host: '127.0.0.1', port: MARIADB_PORT, user: 'root' });
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = `mysql://root@127.0.0.1:${MARIADB_PORT}/${name}`;
  const opened: mysql.Connection[] = [];
  return {
    name,
    url,
    client: async () => {
      const c = await mysql.createConnection({ uri: url });
      c.on('error', () => undefined);
      opened.push(c);
      return c;
    },
    drop: async () => {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
      const a = await mysql.createConnection({ host: '127.0.0.1', port: MARIADB_PORT, user: 'root' });
      await a.query(`drop database if exists ${name}`);
      await a.end();
    },
  };
}
