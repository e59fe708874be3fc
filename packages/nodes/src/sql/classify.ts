import { failure } from '@switchyard/schema';
import type { ErrorCategory, Failure } from '@switchyard/schema';

/**
 * Database errors as failure categories (docs/nodes-sql-email.md). Deadlocks and serialization
 * failures are `server`: retryable by default, because running the transaction again is the
 * documented cure, and like a 5xx they say nothing about the request being wrong.
 */

/** Socket-level errors of Node and the drivers: the database could not be reached or hung up. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST', 'EPROTO']);

interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  message?: unknown;
}

function fieldsOf(err: unknown): DriverError {
  return typeof err === 'object' && err !== null ? (err as DriverError) : {};
}

function messageOf(err: unknown): string {
  const m = fieldsOf(err).message;
  return typeof m === 'string' && m !== '' ? m : String(err);
}

function make(category: ErrorCategory, what: string, err: unknown): Failure {
  return failure(category, `${what}: ${messageOf(err)}`);
}

/** node-postgres: SQLSTATE codes (PostgreSQL appendix A) and socket errors. */
export function classifyPostgresError(err: unknown): Failure {
  const code = typeof fieldsOf(err).code === 'string' ? (fieldsOf(err).code as string) : '';
  const message = messageOf(err);
  if (NETWORK_CODES.has(code)) return make('network', 'database connection failed', err);
  if (code === 'ETIMEDOUT' || /timeout exceeded when trying to connect/i.test(message)) return make('timeout', 'database connection timed out', err);
  if (/Connection terminated/i.test(message)) return make('network', 'database connection lost', err);
  if (code === '28P01' || code === '28000') return make('auth', 'database refused the login', err);
  if (code === '40P01' || code === '40001') return make('server', 'transaction aborted (run it again)', err);
  if (code === '57014') return make('timeout', 'statement timed out', err);
  // 57P01-57P03: the server shut down or an administrator ended the session (pg_terminate_backend).
  if (code.startsWith('57P') || code.startsWith('08')) return make('network', 'database connection lost', err);
  if (code === '42501') return make('auth', 'permission denied', err);
  if (code.startsWith('53') || code.startsWith('58') || code === 'XX000') return make('server', 'database error', err);
  if (/^[0-9A-Z]{5}$/.test(code)) return make('invalid_request', 'statement failed', err);
  return make('server', 'database error', err);
}

/** MySQL / MariaDB errno values (server error reference) and mysql2's own codes. */
const MYSQL_AUTH = new Set([1044, 1045, 1698, 1142, 1143]);
const MYSQL_RETRY = new Set([1213, 1205]); // deadlock; lock wait timeout exceeded
const MYSQL_TIMEOUT = new Set([1317, 1969, 3024]); // query interrupted; max_statement_time; max_execution_time
const MYSQL_LOST = new Set([1927, 2006, 2013, 1053]); // connection killed; gone away; lost; shutdown

export function classifyMysqlError(err: unknown): Failure {
  const f = fieldsOf(err);
  const code = typeof f.code === 'string' ? f.code : '';
  const errno = typeof f.errno === 'number' ? f.errno : -1;
  if (NETWORK_CODES.has(code) || MYSQL_LOST.has(errno)) return make('network', 'database connection failed', err);
  if (code === 'ETIMEDOUT' || code === 'PROTOCOL_SEQUENCE_TIMEOUT' || MYSQL_TIMEOUT.has(errno)) return make('timeout', 'statement timed out', err);
  if (MYSQL_AUTH.has(errno)) return make('auth', 'database refused the login', err);
  if (errno === 1213) return make('server', 'deadlock found (run the transaction again)', err);
  if (MYSQL_RETRY.has(errno)) return make('server', 'lock wait timed out (run it again)', err);
  // Server errors 1000-1999 are about the statement (duplicate key, syntax, unknown column, …).
  if (errno >= 1000 && errno < 2000) return make('invalid_request', 'statement failed', err);
  return make('server', 'database error', err);
}

/** better-sqlite3: SqliteError codes (`SQLITE_CONSTRAINT_UNIQUE`, …). */
export function classifySqliteError(err: unknown): Failure {
  const code = typeof fieldsOf(err).code === 'string' ? (fieldsOf(err).code as string) : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return make('server', 'database is locked (run it again)', err);
  if (code.startsWith('SQLITE_AUTH') || code.startsWith('SQLITE_PERM')) return make('auth', 'database refused access', err);
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOMEM')) {
    return make('server', 'database error', err);
  }
  if (code.startsWith('SQLITE_') || err instanceof RangeError || err instanceof TypeError) return make('invalid_request', 'statement failed', err);
  return make('server', 'database error', err);
}
