import Database from 'better-sqlite3';
import { StaleWriteError, type AttemptRecord, type NodeRunRecord, type RunRecord } from '@switchyard/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from './support/temp-db.js';

function run(id: string): RunRecord {
  return {
    id,
    workflowId: 'wf',
    workflowVersion: 1,
    status: 'running',
    degraded: false,
    phase: 'forward',
    trigger: { kind: 'manual', body: null },
    createdAt: 1000,
    startedAt: 1000,
    finishedAt: null,
    stopReason: null,
    completionSeq: 0,
    mode: 'production',
  };
}

function node(runId: string, nodeId: string): NodeRunRecord {
  return {
    runId,
    nodeId,
    status: 'running',
    source: null,
    epoch: 0,
    input: null,
    output: null,
    params: null,
    error: null,
    startedAt: 1000,
    finishedAt: null,
    nextAttemptAt: null,
    deferredUntil: null,
    handle: null,
    handles: null,
    lastAttempt: 1,
    tries: 1,
    interruptions: 0,
    completedSeq: null,
    fallbackIndex: null,
    exhaustedFailure: null,
  };
}

function attempt(runId: string, nodeId: string, number: number, finishedAt: number | null): AttemptRecord {
  return {
    runId,
    nodeId,
    number,
    epoch: 0,
    startedAt: 1000,
    finishedAt,
    durationMs: finishedAt === null ? null : finishedAt - 1000,
    outcome: finishedAt === null ? null : 'succeeded',
    error: null,
    delayBeforeMs: 0,
    request: null,
    response: null,
  };
}

describe('group commit', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('100 commits issued in one tick share one transaction; the stale one among them rejects alone', async () => {
    db = tempDb();
    const store = db.open();
    await store.createRun(run('r'), Array.from({ length: 100 }, (_, i) => node('r', `n${i}`)));
    await store.commit({ attempts: [attempt('r', 'n42', 1, 2000)] });
    const before = store.groupCommitStats();

    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        // n42's attempt 1 is already finished: that changeset is the stale one.
        store.commit({
          attempts: [attempt('r', `n${i}`, 1, 3000)],
          timersSet: [{ runId: 'r', nodeId: `n${i}`, kind: 'retry', dueAt: 5000 + i }],
        }),
      ),
    );

    expect(store.groupCommitStats()).toStrictEqual({ transactions: before.transactions + 1, writes: before.writes + 100 });
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(rejected).toStrictEqual([42]);
    expect(results[42]?.status === 'rejected' && results[42].reason).toBeInstanceOf(StaleWriteError);

    const attempts = await store.listAttempts('r');
    expect(attempts).toHaveLength(100);
    expect(attempts.find((a) => a.nodeId === 'n42')?.finishedAt).toBe(2000);
    expect(attempts.filter((a) => a.finishedAt === 3000)).toHaveLength(99);
    const timers = await store.listTimers();
    expect(timers).toHaveLength(99);
    expect(timers.some((t) => t.nodeId === 'n42')).toBe(false);
  });

  it('an error other than a stale write also rejects only its own changeset', async () => {
    db = tempDb();
    const store = db.open();
    await store.createRun(run('r'), [node('r', 'a'), node('r', 'b')]);
    const results = await Promise.allSettled([
      store.commit({ attempts: [attempt('r', 'a', 1, null)] }),
      // No node row "ghost": the foreign key fails this changeset after its first write succeeded.
      store.commit({ timersSet: [{ runId: 'r', nodeId: 'b', kind: 'delay', dueAt: 1 }], attempts: [attempt('r', 'ghost', 1, null)] }),
      store.commit({ attempts: [attempt('r', 'b', 1, null)] }),
    ]);
    expect(results.map((r) => r.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.listAttempts('r')).map((a) => a.nodeId)).toStrictEqual(['a', 'b']);
    expect(await store.listTimers()).toStrictEqual([]);
  });

  it('writes issued in later ticks go into later transactions', async () => {
    db = tempDb();
    const store = db.open();
    const before = store.groupCommitStats().transactions;
    await store.createRun(run('r1'), []);
    await store.createRun(run('r2'), []);
    await Promise.all([store.createRun(run('r3'), []), store.createRun(run('r4'), [])]);
    expect(store.groupCommitStats().transactions).toBe(before + 3);
  });

  it('a commit resolves only once its transaction is committed and visible to another connection', async () => {
    db = tempDb();
    const store = db.open();
    await store.createRun(run('r'), [node('r', 'a')]);
    const other = new Database(db.file, { readonly: true });
    try {
      const count = other.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM attempts');
      const seenOnResolve = await store.commit({ attempts: [attempt('r', 'a', 1, null)] }).then(() => count.get()?.n);
      expect(seenOnResolve).toBe(1);
    } finally {
      other.close();
    }
  });

  it('writes from several async committers all land, in fewer transactions than writes', async () => {
    db = tempDb();
    const store = db.open();
    await store.createRun(run('r'), Array.from({ length: 20 }, (_, i) => node('r', `n${i}`)));
    const before = store.groupCommitStats();
    await Promise.all(
      Array.from({ length: 20 }, async (_, committer) => {
        for (let number = 1; number <= 25; number++) {
          await store.commit({ attempts: [attempt('r', `n${committer}`, number, 2000)] });
        }
      }),
    );
    const after = store.groupCommitStats();
    expect(after.writes - before.writes).toBe(500);
    expect(after.transactions - before.transactions).toBeLessThan(500);
    expect(await store.listAttempts('r')).toHaveLength(500);
  });

  it('close commits what is queued, then later calls reject with StoreClosedError', async () => {
    db = tempDb();
    const store = db.open();
    const pending = store.createRun(run('r'), []);
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.getRun('r')).rejects.toMatchObject({ name: 'StoreClosedError' });
    await expect(store.commit({})).rejects.toMatchObject({ name: 'StoreClosedError' });
    await store.close();

    const reopened = db.open();
    expect((await reopened.getRun('r'))?.id).toBe('r');
  });
});
