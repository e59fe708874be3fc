import mysql from 'mysql2/promise';
import { classifyMysqlError } from './classify.js';
import type { Database, RunOptions, Statement, StatementResult } from './database.js';
import { toBindable } from './json-values.js';
import type { PoolLimits } from './pools.js';

/** A mysql2 pool for MySQL and MariaDB: `?` placeholders, values bound as prepared-statement parameters. */
export function openMysql(connectionString: string, limits: PoolLimits): Database {
  const uri = connectionString.replace(/^mariadb:/i, 'mysql:');
  const pool = mysql.createPool({
    uri,
    connectionLimit: limits.connections,
    maxIdle: limits.connections,
    idleTimeout: limits.idleMs,
    connectTimeout: limits.connectMs,
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  // Errors of idle connections are reported on the pool; a dead one is dropped and replaced.
  pool.on('connection', (conn) => conn.on('error', () => undefined));
  return {
    async run(statements, options) {
      let conn: mysql.PoolConnection;
      try {
        conn = await pool.getConnection();
      } catch (err) {
        return { ok: false, failure: classifyMysqlError(err) };
      }
      let healthy = true;
      try {
        return { ok: true, results: await runOn(conn, statements, options) };
      } catch (err) {
        healthy = !isConnectionError(err);
        return { ok: false, failure: classifyMysqlError(err) };
      } finally {
        if (healthy) conn.release();
        else conn.destroy();
      }
    },
    close: () => pool.end(),
  };
}

function isConnectionError(err: unknown): boolean {
  const e = err as { fatal?: unknown; code?: unknown };
  return e.fatal === true || e.code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

async function runOn(conn: mysql.PoolConnection, statements: readonly Statement[], options: RunOptions): Promise<StatementResult[]> {
  if (!options.transaction) return runAll(conn, statements, options.timeoutMs);
  await conn.beginTransaction();
  try {
    const results = await runAll(conn, statements, options.timeoutMs);
    await conn.commit();
    return results;
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  }
}

async function runAll(conn: mysql.PoolConnection, statements: readonly Statement[], timeoutMs: number): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for (const s of statements) {
    // mysql2's timeout ends the connection when a statement outlasts it (the server then stops it).
    const [answer] = await conn.execute({ sql: s.query, values: s.params.map(toBindable), timeout: timeoutMs });
    if (Array.isArray(answer)) {
      const rows = answer as Record<string, unknown>[];
      results.push({ rows, rowCount: rows.length });
    } else {
      results.push({ rows: [], rowCount: (answer as mysql.ResultSetHeader).affectedRows });
    }
  }
  return results;
}
