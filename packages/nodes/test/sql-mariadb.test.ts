import type { ExecutionResult, ResolvedCredential } from '@switchyard/engine';
import { eventually, freePort } from '@switchyard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlExecutor } from '../src/sql/execute.js';
import { createDatabasePools } from '../src/sql/pools.js';
import type { DatabasePools } from '../src/sql/pools.js';
import { expectOk, makeContext } from './context.js';
import { createMariaDatabase, databaseName, INJECTION, categoryOf, connection } from './sql-databases.js';
import { startTcpProxy } from './tcp-proxy.js';

describe('sql on MariaDB', () => {
  let db: Awaited<ReturnType<typeof createMariaDatabase>>;
  let pools: DatabasePools;
  let run: (params: unknown, credential?: ResolvedCredential) => Promise<ExecutionResult>;

  beforeEach(async () => {
    db = await createMariaDatabase();
    pools = createDatabasePools({ connections: 4, idleMs: 30_000, connectMs: 10_000, pools: 8 });
    const executor = createSqlExecutor(pools);
    run = (params, credential = connection(db.url)) => executor.execute(params, makeContext({ credential, timeoutMs: 20_000 }));
    const setup = await db.client();
    await setup.query('create table students (id int primary key, name varchar(200) not null) engine=InnoDB');
    await setup.query("insert into students values (1, 'Ada'), (2, 'Grace'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f')");
  });

  afterEach(async () => {
    await pools.close();
    await db.drop();
  });

  it('binds values as parameters: an injection string is stored literally', async () => {
    const insert = expectOk(await run({ query: 'insert into students (id, name) values (?, ?)', params: [10, INJECTION] }));
    expect(insert.output).toEqual({ rows: [], rowCount: 1 });
    const read = expectOk(await run({ query: 'select name from students where id = ?', params: [10] }));
    expect(read.output).toEqual({ rows: [{ name: INJECTION }], rowCount: 1 });
    const count = expectOk(await run({ query: 'select count(*) as n from students' }));
    expect(count.output).toEqual({ rows: [{ n: '7' }], rowCount: 1 });
  });

  it('a constraint violation and a syntax error are invalid_request; a failed transaction is rolled back', async () => {
    const dup = await run({
      statements: [
        { query: 'insert into students (id, name) values (?, ?)', params: [20, 'kept?'] },
        { query: 'insert into students (id, name) values (?, ?)', params: [1, 'duplicate'] },
      ],
      transaction: true,
    });
    expect(categoryOf(dup)).toBe('invalid_request');
    expect(dup.ok ? '' : dup.failure.message).toContain('Duplicate entry');
    const left = expectOk(await run({ query: 'select id from students where id = 20' }));
    expect(left.output).toEqual({ rows: [], rowCount: 0 });
    expect(categoryOf(await run({ query: 'selec 1' }))).toBe('invalid_request');
  });

  it('a wrong password is auth', async () => {
    const user = databaseName('sy_user');
    const admin = await db.client();
    await admin.query(`create user '${user}'@'%' identified by 'right-password'`);
    await admin.query(`create user '${user}'@'localhost' identified by 'right-password'`);
    try {
      const result = await run({ query: 'select 1' }, connection(`mysql://${user}:wrong-password-xyz@127.0.0.1:3306/${db.name}`, 'wrong'));
      expect(categoryOf(result)).toBe('auth');
      expect(JSON.stringify(result)).not.toContain('wrong-password-xyz');
    } finally {
      await admin.query(`drop user '${user}'@'%'`);
      await admin.query(`drop user '${user}'@'localhost'`);
    }
  });

  it('a refused connection and a connection cut under the pool are network', async () => {
    const port = await freePort();
    expect(categoryOf(await run({ query: 'select 1' }, connection(`mysql://root@127.0.0.1:${port}/x`, 'refused')))).toBe('network');
    const proxy = await startTcpProxy(3306);
    const credential = connection(db.url.replace(':3306/', `:${proxy.port}/`), 'proxied');
    expectOk(await run({ query: 'select 1' }, credential));
    await proxy.cut();
    expect(categoryOf(await run({ query: 'select 1' }, credential))).toBe('network');
  });

  it('a statement over timeoutMs is timeout', async () => {
    expect(categoryOf(await run({ query: 'select sleep(30)', timeoutMs: 100 }))).toBe('timeout');
    expectOk(await run({ query: 'select 1' }));
  });

  it('a deadlock between two transactions is server (retryable), and the victim is rolled back', async () => {
    const gate = await db.client();
    const other = await db.client();
    await gate.query("select get_lock('sy_gate', 30)");
    await other.query('begin');
    // The other transaction holds more rows, so InnoDB picks this node's smaller one as the victim.
    // One row at a time by primary key: a scan of this small table would lock row 2 as well.
    for (const id of [1, 3, 4, 5, 6]) await other.query("update students set name = 'other' where id = ?", [id]);
    const pending = run({
      statements: [
        { query: "update students set name = 'node' where id = 2" },
        { query: "select get_lock('sy_gate', 30)" },
        { query: "update students set name = 'node' where id = 1" },
      ],
      transaction: true,
    });
    const waitingOn = async (state: string, info: string) => {
      const [rows] = await gate.query('select count(*) as n from information_schema.processlist where state like ? and info like ?', [state, info]);
      return Number((rows as { n: number }[])[0]?.n ?? 0) > 0 ? true : undefined;
    };
    await eventually(() => waitingOn('%lock%', '%get_lock%'), { what: 'the node to wait at the gate' });
    const otherUpdate = other.query("update students set name = 'other' where id = 2");
    await eventually(async () => {
      const [rows] = await gate.query("select count(*) as n from information_schema.innodb_trx where trx_state = 'LOCK WAIT'");
      return Number((rows as { n: number }[])[0]?.n ?? 0) > 0 ? true : undefined;
    }, { what: 'the other transaction to wait for row 2' });
    await gate.query("select release_lock('sy_gate')");
    const result = await pending;
    expect(categoryOf(result)).toBe('server');
    expect(result.ok ? '' : result.failure.message).toContain('Deadlock');
    await otherUpdate;
    await other.query('commit');
    const rows = expectOk(await run({ query: 'select name from students where id in (1, 2) order by id' }));
    expect(rows.output).toEqual({ rows: [{ name: 'other' }, { name: 'other' }], rowCount: 2 });
  });
});
