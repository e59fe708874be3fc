import type { Failure, Json } from '@switchyard/schema';

/** One statement and the values bound to its placeholders. */
export interface Statement {
  query: string;
  params: readonly Json[];
}

export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface RunOptions {
  /** Run every statement in one transaction, rolled back when one fails. */
  transaction: boolean;
  /** Statement timeout: a statement still running after it fails with `timeout`. */
  timeoutMs: number;
}

/** What a driver answers: the results, or its error classified once, here (semantics.md). */
export type RunOutcome = { ok: true; results: StatementResult[] } | { ok: false; failure: Failure };

/** A pool of connections to one database, as the sql node uses it. */
export interface Database {
  run(statements: readonly Statement[], options: RunOptions): Promise<RunOutcome>;
  /** Closes every connection; later runs fail. */
  close(): Promise<void>;
}

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

/** The dialect a connection string names by its scheme, or undefined. */
export function dialectOf(connectionString: string): Dialect | undefined {
  const scheme = /^([a-z]+):/i.exec(connectionString)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      return 'postgres';
    case 'mysql':
    case 'mariadb':
      return 'mysql';
    case 'sqlite':
      return 'sqlite';
    default:
      return undefined;
  }
}

/** The file of a `sqlite:` connection string: `sqlite:/data/app.db`, `sqlite:///data/app.db`, `sqlite::memory:`. */
export function sqliteFileOf(connectionString: string): string {
  const rest = connectionString.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
}
