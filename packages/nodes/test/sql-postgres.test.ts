import type { ExecutionResult, ResolvedCredential } from '@switchyard/engine';
import { eventually, freePort } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlExecutor } from '../src/sql/execute.js';
import { createDatabasePools } from '../src/sql/pools.js';
import type { DatabasePools } from '../src/sql/pools.js';
import { expectOk, makeContext } from './context.js';
import { createPostgresDatabase, INJECTION, categoryOf, connection } from './sql-databases.js';
import { startTcpProxy } from './tcp-proxy.js';

describe('sql on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let pools: DatabasePools;
  let run: (params: unknown, credential?: ResolvedCredential, timeoutMs?: number) => Promise<ExecutionResult>;

  beforeEach(async () => {
    db = await createPostgresDatabase();
    pools = createDatabasePools({ connections: 4, idleMs: 30_000, connectMs: 10_000, pools: 8 });
    const executor = createSqlExecutor(pools);
    run = (params, credential = connection(db.url), timeoutMs = 20_000) => executor.execute(params, makeContext({ credential, timeoutMs }));
    const setup = await db.client();
    await setup.query('create table students (id int primary key, name text not null, note jsonb)');
    await setup.query("insert into students values (1, 'Ada', null), (2, 'Grace', null)");
  });

  afterEach(async () => {
    await pools.close();
    await db.drop();
  });

  it('binds values as parameters: an injection string is stored literally', async () => {
    expectOk(await run({ query: 'insert into students (id, name, note) values ($1, $2, $3)', params: [3, INJECTION, { tags: ['x'] }] }));
    const read = expectOk(await run({ query: 'select name, note from students where id = $1', params: [3] }));
    expect(read.output).toEqual({ rows: [{ name: INJECTION, note: { tags: ['x'] } }], rowCount: 1 });
    const count = expectOk(await run({ query: 'select count(*)::int as n from students' }));
    expect(count.output).toEqual({ rows: [{ n: 3 }], rowCount: 1 });
  });

  it('reports rowCount of writes and the results of every statement', async () => {
    const out = expectOk(
      await run({
        statements: [{ query: "update students set name = name || '!'" }, { query: 'select id from students order by id' }],
        transaction: true,
      }),
    );
    expect(out.output).toEqual({
      rows: [{ id: 1 }, { id: 2 }],
      rowCount: 2,
      results: [
        { rows: [], rowCount: 2 },
        { rows: [{ id: 1 }, { id: 2 }], rowCount: 2 },
      ],
    });
  });

  it('a constraint violation and a syntax error are invalid_request; a failed transaction is rolled back', async () => {
    const dup = await run({
      statements: [
        { query: 'insert into students (id, name) values ($1, $2)', params: [10, 'kept?'] },
        { query: 'insert into students (id, name) values ($1, $2)', params: [1, 'duplicate'] },
      ],
      transaction: true,
    });
    expect(categoryOf(dup)).toBe('invalid_request');
    expect(dup.ok ? '' : dup.failure.message).toContain('duplicate key');
    const left = expectOk(await run({ query: 'select count(*)::int as n from students where id = 10' }));
    expect(left.output).toEqual({ rows: [{ n: 0 }], rowCount: 1 });
    expect(categoryOf(await run({ query: 'selec 1' }))).toBe('invalid_request');
    expect(categoryOf(await run({ query: 'insert into students (id) values ($1)', params: [11] }))).toBe('invalid_request');
  });

  it('an unknown role is auth; the message carries no connection string', async () => {
    const url = db.url.replace('postgres@', 'no_such_role:hunter2-secret@');
    const result = await run({ query: 'select 1' }, connection(url, 'wrong'));
    expect(categoryOf(result)).toBe('auth');
    expect(JSON.stringify(result)).not.toContain('hunter2-secret');
  });

  it('a refused connection is network', async () => {
    const port = await freePort();
    expect(categoryOf(await run({ query: 'select 1' }, connection(`postgres://postgres@127.0.0.1:${port}/x`, 'refused')))).toBe('network');
  });

  it('a connection cut under the pool (proxy closed) is network', async () => {
    const proxy = await startTcpProxy(5432);
    const credential = connection(db.url.replace(':5432/', `:${proxy.port}/`), 'proxied');
    expectOk(await run({ query: 'select 1' }, credential));
    await proxy.cut();
    expect(categoryOf(await run({ query: 'select 1' }, credential))).toBe('network');
  });

  it('a session ended by pg_terminate_backend while its statement runs is network', async () => {
    const pending = run({ query: "select pg_sleep(30), 'marker-terminate'" });
    const admin = await db.client();
    const pid = await eventually(async () => {
      const r = await admin.query<{ pid: number }>("select pid from pg_stat_activity where query like '%marker-terminate%' and pid <> pg_backend_pid()");
      return r.rows[0]?.pid;
    }, { what: 'the statement to be running' });
    await admin.query('select pg_terminate_backend($1)', [pid]);
    expect(categoryOf(await pending)).toBe('network');
    expectOk(await run({ query: 'select 1' }));
  });

  it('a statement over timeoutMs is timeout', async () => {
    expect(categoryOf(await run({ query: 'select pg_sleep(30)', timeoutMs: 100 }))).toBe('timeout');
  });

  it('a deadlock between two transactions is server (retryable), and the victim is rolled back', async () => {
    const gate = await db.client();
    const other = await db.client();
    await gate.query('select pg_advisory_lock(42)');
    // The other session never runs the deadlock check first, so this node is the one aborted.
    await other.query("set deadlock_timeout = '60s'");
    await other.query('begin');
    await other.query("update students set name = 'other' where id = 1");
    const pending = run({
      statements: [
        { query: "update students set name = 'node' where id = 2" },
        { query: 'select pg_advisory_xact_lock(42)' },
        { query: "update students set name = 'node' where id = 1" },
      ],
      transaction: true,
    });
    const waiting = async (what: string) => {
      const r = await gate.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where wait_event_type in ('Lock') and query like $1", [what]);
      return (r.rows[0]?.n ?? 0) > 0 ? true : undefined;
    };
    await eventually(() => waiting('%pg_advisory_xact_lock%'), { what: 'the node to wait at the gate' });
    const otherUpdate = other.query("update students set name = 'other' where id = 2");
    await eventually(() => waiting("%name = 'other' where id = 2%"), { what: 'the other transaction to wait for row 2' });
    await gate.query('select pg_advisory_unlock(42)');
    const result = await pending;
    expect(categoryOf(result)).toBe('server');
    expect(result.ok ? '' : result.failure.message).toContain('deadlock');
    await otherUpdate;
    await other.query('commit');
    const rows = expectOk(await run({ query: 'select id, name from students order by id' }));
    expect(rows.output).toEqual({ rows: [{ id: 1, name: 'other' }, { id: 2, name: 'other' }], rowCount: 2 });
  });

  it('a new connection string for the same credential closes the old pool and uses the new one', async () => {
    const proxy = await startTcpProxy(5432);
    expectOk(await run({ query: 'select 1' }, connection(db.url.replace(':5432/', `:${proxy.port}/`), 'db')));
    // Same id, new secret: the old pool (through the proxy) is retired, so cutting the proxy changes nothing.
    expectOk(await run({ query: 'select 1' }, connection(db.url, 'db')));
    await proxy.cut();
    expectOk(await run({ query: 'select 1' }, connection(db.url, 'db')));
  });

  it('refuses more rows than maxRows and a missing or wrong credential', async () => {
    expect(categoryOf(await run({ query: 'select generate_series(1, 5) as n', maxRows: 3 }))).toBe('invalid_response');
    expect(categoryOf(await run({ query: 'select 1' }, { id: 'b', kind: 'bearer', token: 't' }))).toBe('invalid_request');
  });
});
