import pg from 'pg';
import { classifyPostgresError } from './classify.js';
import type { Database, RunOptions, Statement, StatementResult } from './database.js';
import { toBindable } from './json-values.js';
import type { PoolLimits } from './pools.js';

/** A node-postgres pool: `$1`, `$2` … placeholders, values bound by the server (extended protocol). */
export function openPostgres(connectionString: string, limits: PoolLimits): Database {
  const pool = new pg.Pool({
    connectionString,
    max: limits.connections,
    idleTimeoutMillis: limits.idleMs,
    connectionTimeoutMillis: limits.connectMs,
    // Integers beyond 2^53 and numerics stay strings (pg's default); dates become ISO strings later.
  });
  // An idle connection that dies (server restart, pg_terminate_backend) must not crash the process:
  // the pool drops it and the next checkout opens a new one.
  pool.on('error', () => undefined);
  return {
    async run(statements, options) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        return { ok: false, failure: classifyPostgresError(err) };
      }
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        return { ok: true, results: await runOn(client, statements, options) };
      } catch (err) {
        broken ??= isConnectionError(err) ? (err as Error) : undefined;
        return { ok: false, failure: classifyPostgresError(err) };
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed, not handed to the next node.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code !== 'string' || code.startsWith('08') || code.startsWith('57P') || code.startsWith('E');
}

async function runOn(client: pg.PoolClient, statements: readonly Statement[], options: RunOptions): Promise<StatementResult[]> {
  // Per attempt, since nodes sharing the pool set different limits.
  await client.query(`select set_config('statement_timeout', $1, false)`, [String(options.timeoutMs)]);
  if (!options.transaction) return runAll(client, statements);
  await client.query('begin');
  try {
    const results = await runAll(client, statements);
    await client.query('commit');
    return results;
  } catch (err) {
    // A failed rollback means the connection is gone: the original error is the one to report.
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

async function runAll(client: pg.PoolClient, statements: readonly Statement[]): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for (const s of statements) {
    const r = await client.query<Record<string, unknown>>({ text: s.query, values: s.params.map(toBindable) });
    results.push({ rows: r.rows, rowCount: r.rowCount ?? r.rows.length });
  }
  return results;
}
