import { describe, expect, it } from 'vitest';
import { LeaseLostError, type Store } from '@switchyard/engine';
import { ConflictError, InvalidCursorError, StoreClosedError, StoreFailureError } from '@switchyard/schema';
import { createMemoryStore, describeStoreContract, type MemoryStore } from '../src/index.js';
import { fullNodeRecord, integrationRecord, openAttemptRecord, pendingNodeRecord, runRecord, workflowDefinition } from '../src/store-fixtures.js';

describeStoreContract('memory', async () => {
  const handles: MemoryStore[] = [createMemoryStore()];
  const first = handles[0] as MemoryStore;
  return {
    store: first,
    // Another handle on the same data: what a restarted process of one store sees.
    reopen: async () => {
      const reopened = first.reopen();
      handles.push(reopened);
      return reopened;
    },
    cleanup: async () => {
      for (const handle of handles) await handle.close();
    },
  };
});

/** What the contract leaves to each store, checked for this one. */
describe('memory store', () => {
  async function seededStore(): Promise<Store> {
    const store = createMemoryStore();
    await store.createRun(runRecord('run_1'), [pendingNodeRecord('run_1', 'fetch'), pendingNodeRecord('run_1', 'shape')]);
    return store;
  }

  it('copies records in: changing what was written does not change the store', async () => {
    const store = createMemoryStore();
    const definition = workflowDefinition('Orders');
    await store.createWorkflow('wf', definition, 1000);
    definition.name = 'Changed';
    const integration = integrationRecord('crm');
    await store.putIntegration(integration);
    integration.baseUrl = 'https://elsewhere.test';
    const run = runRecord('run_1');
    const node = pendingNodeRecord('run_1', 'fetch');
    await store.createRun(run, [node]);
    run.status = 'failed';
    node.status = 'failed';

    expect((await store.getWorkflow('wf'))?.definition.name).toBe('Orders');
    expect((await store.getIntegration('crm'))?.baseUrl).toBe(integrationRecord('crm').baseUrl);
    expect(await store.getRun('run_1')).toStrictEqual(runRecord('run_1'));
    expect(await store.listNodeRuns('run_1')).toStrictEqual([pendingNodeRecord('run_1', 'fetch')]);
  });

  it('copies records out: changing what was read does not change the store', async () => {
    const store = await seededStore();
    await store.createWorkflow('wf', workflowDefinition('Orders'), 1000);
    await store.commit({ attempts: [openAttemptRecord('run_1', 'fetch', 1, 100)], lastKnownGood: [{ workflowId: 'wf', nodeId: 'fetch', key: '', output: { n: 1 }, updatedAt: 1 }] });

    const read = await store.loadRun('run_1');
    if (read === undefined) throw new Error('run_1 was not stored');
    read.run.status = 'failed';
    (read.nodes[0] as { status: string }).status = 'failed';
    (read.openAttempts[0] as { finishedAt: number | null }).finishedAt = 5;
    const workflow = await store.getWorkflow('wf');
    if (workflow !== undefined) workflow.definition.nodes.length = 0;
    const lkg = await store.getLastKnownGood('wf', 'fetch', '');
    if (lkg !== undefined) lkg.output = 'changed';

    expect((await store.getRun('run_1'))?.status).toBe('running');
    expect((await store.listNodeRuns('run_1')).map((n) => n.status)).toStrictEqual(['pending', 'pending']);
    expect((await store.loadRun('run_1'))?.openAttempts).toStrictEqual([openAttemptRecord('run_1', 'fetch', 1, 100)]);
    expect((await store.getWorkflow('wf'))?.definition).toStrictEqual(workflowDefinition('Orders'));
    expect((await store.getLastKnownGood('wf', 'fetch', ''))?.output).toStrictEqual({ n: 1 });
  });

  it('a changeset with a row of a missing parent is refused whole with a StoreFailureError', async () => {
    const store = await seededStore();
    const before = await store.loadRun('run_1');
    const write = store.commit({
      runs: [runRecord('run_1', { status: 'waiting' })],
      nodes: [fullNodeRecord('run_1', 'fetch')],
      timersSet: [{ runId: 'run_1', nodeId: 'no_such_node', kind: 'retry', dueAt: 5 }],
    });
    await expect(write).rejects.toBeInstanceOf(StoreFailureError);
    await expect(store.commit({ nodes: [pendingNodeRecord('run_missing', 'a')] })).rejects.toBeInstanceOf(StoreFailureError);
    await expect(store.commit({ attempts: [openAttemptRecord('run_1', 'no_such_node', 1, 100)] })).rejects.toBeInstanceOf(StoreFailureError);
    expect(await store.loadRun('run_1')).toStrictEqual(before);
    expect(await store.listTimers()).toStrictEqual([]);
    expect(await store.getRun('run_missing')).toBeUndefined();
  });

  it('a changeset that creates a taken run id rejects with a ConflictError; a lost fence with LeaseLostError; neither writes', async () => {
    const store = await seededStore();
    await expect(store.commit({ created: { run: runRecord('run_1'), nodes: [] }, lastKnownGood: [{ workflowId: 'wf', nodeId: 'n', key: '', output: 1, updatedAt: 1 }] })).rejects.toBeInstanceOf(ConflictError);
    const lease = await store.claimRun('run_1', 'worker-a', 0, 1000);
    await store.claimRun('run_1', 'worker-a', 0, 1000);
    await expect(store.commit({ fence: { runId: 'run_1', owner: 'worker-a', epoch: lease?.epoch ?? 0 }, runs: [runRecord('run_1', { status: 'failed' })] })).rejects.toBeInstanceOf(LeaseLostError);
    // A run created without a lease is held by nobody.
    await expect(store.commit({ created: { run: runRecord('run_2'), nodes: [] }, fence: { runId: 'run_2', owner: 'worker-a', epoch: 1 } })).rejects.toBeInstanceOf(LeaseLostError);
    expect((await store.getRun('run_1'))?.status).toBe('running');
    expect(await store.getRun('run_2')).toBeUndefined();
    expect(await store.getLastKnownGood('wf', 'n', '')).toBeUndefined();
  });

  it('a cursor it did not hand out is an InvalidCursorError; a limit below 1 a RangeError', async () => {
    const store = await seededStore();
    for (const cursor of ['not a cursor', Buffer.from('[1]').toString('base64url'), Buffer.from('["a","b"]').toString('base64url')]) {
      await expect(store.listRuns({ limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    }
    await expect(store.listRuns({ limit: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('keeps 30 days of an integration\'s breaker history, and none once the integration is deleted', async () => {
    const store = createMemoryStore();
    const day = 86_400_000;
    const t = (at: number) => ({ integrationId: 'crm', at, from: 'closed' as const, to: 'open' as const, reason: `at ${at}` });
    await store.recordBreakerTransition(t(0));
    await store.recordBreakerTransition(t(10 * day));
    await store.recordBreakerTransition(t(35 * day));
    expect(await store.listBreakerTransitions('crm', 0, 10)).toStrictEqual([t(35 * day), t(10 * day)]);
    await store.deleteIntegration('crm');
    expect(await store.latestBreakerTransitions()).toStrictEqual([]);
  });

  it('a closed handle rejects every call with StoreClosedError; a reopened one sees the data', async () => {
    const store = await seededStore() as MemoryStore;
    await store.close();
    await store.close();
    await expect(store.getRun('run_1')).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.commit({ runs: [runRecord('run_1', { status: 'failed' })] })).rejects.toBeInstanceOf(StoreClosedError);
    expect((await store.reopen().getRun('run_1'))?.status).toBe('running');
  });
});
