import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionResult, ResolvedCredential } from '@switchyard/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk, makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { sqlDefinition } from './definition.js';
import { createSqlExecutor, redactSecret } from './execute.js';
import { createDatabasePools } from './pools.js';
import type { DatabasePools } from './pools.js';

function categoryOf(result: ExecutionResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.failure.category;
}

describe('sql params', () => {
  it('takes a query with params, or statements; SQL text is never a template', () => {
    expectValid(sqlDefinition, { query: 'select $1', params: ['{{ $input.name }}'] });
    expectValid(sqlDefinition, { statements: [{ query: 'insert into t values (?)', params: [1] }], transaction: true, timeoutMs: 500 });
    expect(issuesOf(sqlDefinition, { query: "select * from t where name = '{{ $input.name }}'" })).toEqual([
      { path: ['query'], message: 'SQL text is not a template: put values in params and refer to them as $1 (PostgreSQL) or ? (MySQL, SQLite)' },
    ]);
    expect(issuesOf(sqlDefinition, {})).toEqual([{ path: ['query'], message: 'give either query (with params) or statements, not both and not neither' }]);
    expect(issuesOf(sqlDefinition, { query: 'select 1', timeoutMs: 0 })).toEqual([{ path: ['timeoutMs'], message: 'timeoutMs is at least 1' }]);
    expect(sqlDefinition.isTemplateExempt?.(['statements', 0, 'query'])).toBe(true);
    expect(sqlDefinition.isTemplateExempt?.(['params', 0])).toBe(false);
  });

  it('is not pure and repeats an interrupted attempt only with an explicit idempotency key', () => {
    const executor = createSqlExecutor(createDatabasePools());
    expect(executor.pure).toBe(false);
    expect(executor.retrySafe({}, { idempotencyKeyExplicit: false })).toBe(false);
    expect(executor.retrySafe({}, { idempotencyKeyExplicit: true })).toBe(true);
  });

  it('takes the connection string and its password out of a message', () => {
    const f = redactSecret({ category: 'network', message: 'postgres://u:p%40ss@h/db failed; p@ss' }, 'postgres://u:p%40ss@h/db');
    expect(f.message).toBe('[redacted] failed; [redacted]');
  });
});

describe('sql on a SQLite file', () => {
  let dir: string;
  let pools: DatabasePools;
  let run: (params: unknown, credential?: ResolvedCredential) => Promise<ExecutionResult>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-sql-'));
    pools = createDatabasePools();
    const executor = createSqlExecutor(pools);
    const credential: ResolvedCredential = { id: 'lite', kind: 'connection', connectionString: `sqlite:${join(dir, 'app.db')}` };
    run = (params, c = credential) => executor.execute(params, makeContext({ credential: c }));
    expectOk(await run({ statements: [{ query: 'create table students (id integer primary key, name text not null, ok integer)' }, { query: "insert into students values (1, 'Ada', 1)" }] }));
  });

  afterEach(async () => {
    await pools.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds values: an injection string is stored literally; booleans are 1 and 0', async () => {
    const injection = "x'); drop table students; --";
    expect(expectOk(await run({ query: 'insert into students values (?, ?, ?)', params: [2, injection, false] })).output).toEqual({ rows: [], rowCount: 1 });
    const read = expectOk(await run({ query: 'select name, ok from students where id = ?', params: [2] }));
    expect(read.output).toEqual({ rows: [{ name: injection, ok: 0 }], rowCount: 1 });
  });

  it('rolls a failed transaction back; a constraint violation and a syntax error are invalid_request', async () => {
    const dup = await run({
      statements: [{ query: "insert into students values (5, 'kept?', 1)" }, { query: "insert into students values (1, 'dup', 1)" }],
      transaction: true,
    });
    expect(categoryOf(dup)).toBe('invalid_request');
    expect(expectOk(await run({ query: 'select count(*) as n from students where id = 5' })).output).toEqual({ rows: [{ n: 0 }], rowCount: 1 });
    expect(categoryOf(await run({ query: 'selec 1' }))).toBe('invalid_request');
    expect(categoryOf(await run({ query: 'insert into students (id) values (9)' }))).toBe('invalid_request');
  });

  it('a connection string of no known database is invalid_request', async () => {
    expect(categoryOf(await run({ query: 'select 1' }, { id: 'x', kind: 'connection', connectionString: 'oracle://h/db' }))).toBe('invalid_request');
  });
});
