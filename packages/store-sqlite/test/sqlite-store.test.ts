import { afterEach, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

describe('SqliteStore specifics', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('rejects a listRuns cursor it did not hand out', async () => {
    db = tempDb();
    const store = db.open();
    for (const cursor of ['not base64 at all!', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      await expect(store.listRuns({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it('stores a version computed from the latest only while it still is the latest', async () => {
    db = tempDb();
    const store = db.open();
    const wf = { schemaVersion: 1 as const, name: 'w', nodes: [], edges: [] };
    await store.createWorkflow('wf', wf, 1);
    expect((await store.updateWorkflowIfLatest('wf', 1, { ...wf, name: 'from v1' }, 2)) as { version: number }).toMatchObject({ version: 2 });
    expect(await store.updateWorkflowIfLatest('wf', 1, { ...wf, name: 'stale' }, 3)).toBe('moved');
    expect((await store.getWorkflow('wf'))?.definition.name).toBe('from v1');
    expect(await store.updateWorkflowIfLatest('nothing', 1, wf, 3)).toBeUndefined();
  });

  it('rejects a listRuns limit that is not a positive integer', async () => {
    db = tempDb();
    const store = db.open();
    await expect(store.listRuns({ limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.listRuns({ limit: 2.5 })).rejects.toBeInstanceOf(RangeError);
  });

  it('keeps data across close and reopen, in both durability modes', async () => {
    db = tempDb();
    const first = db.open({ synchronous: 'FULL' });
    await first.putIntegration({
      id: 'crm',
      name: 'CRM',
      baseUrl: 'https://crm.example.test',
      timeoutMs: null,
      credential: null,
      createdAt: 1,
      updatedAt: 2,
    });
    await first.close();
    const second = db.open();
    expect((await second.getIntegration('crm'))?.name).toBe('CRM');
    await second.putIntegration({ id: 'erp', name: 'ERP', baseUrl: 'https://erp.example.test', timeoutMs: 10, credential: 'c', createdAt: 3, updatedAt: 3 });
    await second.close();
    const third = db.open({ synchronous: 'FULL' });
    expect((await third.listIntegrations()).map((i) => i.id)).toStrictEqual(['crm', 'erp']);
  });

  it('two stores on one file see each other\'s commits', async () => {
    db = tempDb();
    const a = db.open();
    const b = db.open();
    await a.createRun(
      {
        id: 'r',
        workflowId: 'wf',
        workflowVersion: 1,
        status: 'queued',
        degraded: false,
        phase: 'forward',
        trigger: { kind: 'manual', body: {} },
        createdAt: 1,
        startedAt: null,
        finishedAt: null,
        stopReason: null,
        completionSeq: 0,
        mode: 'production',
      },
      [],
    );
    expect(await b.listUnfinishedRunIds()).toStrictEqual(['r']);
  });
});
