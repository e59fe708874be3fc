import type { ExecutionContext, ExecutionResult, NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { Failure, Json } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import type { ExecutorSource } from '../shared/executor-source.js';
import type { Statement, StatementResult } from './database.js';
import { SqlResolvedParams, sqlDefinition } from './definition.js';
import type { ResolvedSqlParams } from './definition.js';
import { toJson } from './json-values.js';
import type { DatabasePools } from './pools.js';

function statementsOf(p: ResolvedSqlParams): Statement[] {
  if (p.statements !== undefined) return p.statements.map((s) => ({ query: s.query, params: s.params ?? [] }));
  return [{ query: p.query ?? '', params: p.params ?? [] }];
}

/** Takes the connection string and its password out of a driver's message: errors are recorded and logged. */
export function redactSecret(f: Failure, connectionString: string): Failure {
  const secrets = [connectionString];
  try {
    const url = new URL(connectionString);
    if (url.password !== '') secrets.push(url.password, decodeURIComponent(url.password));
  } catch {
    // Not a URL (sqlite:): the whole string is the only secret.
  }
  let message = f.message;
  for (const s of secrets) if (s.length >= 3) message = message.split(s).join('[redacted]');
  return { ...f, message };
}

function outputOf(results: StatementResult[], maxRows: number, many: boolean): ExecutionResult {
  for (const r of results) {
    if (r.rows.length > maxRows) {
      return { ok: false, failure: failure('invalid_response', `the statement returned ${r.rows.length} rows, more than maxRows (${maxRows}): add a LIMIT or raise maxRows`) };
    }
  }
  const json = results.map((r) => ({ rows: r.rows.map((row) => toJson(row)), rowCount: r.rowCount }));
  const last = json[json.length - 1] ?? { rows: [], rowCount: 0 };
  const output: Json = many ? { rows: last.rows, rowCount: last.rowCount, results: json } : { rows: last.rows, rowCount: last.rowCount };
  return { ok: true, output };
}

async function executeSql(pools: DatabasePools, rawParams: unknown, ctx: ExecutionContext): Promise<ExecutionResult> {
  const parsed = parseResolvedParams(SqlResolvedParams, rawParams);
  if (!parsed.ok) return parsed;
  const credential = ctx.credential;
  if (credential === undefined) return { ok: false, failure: failure('invalid_request', 'a sql node needs a connection credential (the node\'s credential)') };
  if (credential.kind !== 'connection') {
    return { ok: false, failure: failure('invalid_request', `credential ${credential.id} is a ${credential.kind} credential; a sql node needs a connection credential`) };
  }
  const database = pools.get(credential.id, credential.connectionString);
  if ('error' in database) return { ok: false, failure: failure('invalid_request', `credential ${credential.id}: ${database.error}`) };
  if (ctx.signal.aborted) return { ok: false, failure: failure('cancelled', 'the run was cancelled before the statement was sent') };
  const p = parsed.value;
  // The attempt's own limit bounds the statement too: whichever is shorter.
  const timeoutMs = Math.min(p.timeoutMs, ctx.timeoutMs);
  const outcome = await database.run(statementsOf(p), { transaction: p.transaction, timeoutMs });
  if (!outcome.ok) return { ok: false, failure: redactSecret(outcome.failure, credential.connectionString) };
  return outputOf(outcome.results, p.maxRows, p.statements !== undefined);
}

/** The `sql` executor, running through `pools` (one set per registry). */
export function createSqlExecutor(pools: DatabasePools): NodeExecutor {
  return {
    definition: sqlDefinition,
    pure: false,
    // A statement may have committed before the attempt was lost: only the author can say repeating is harmless.
    retrySafe: (_params, ctx) => ctx.idempotencyKeyExplicit,
    execute: (params, ctx) => executeSql(pools, params, ctx),
  };
}

export const sqlExecutor: ExecutorSource = (services) => createSqlExecutor(services.databases);
