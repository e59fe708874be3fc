import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaleWriteError } from '@switchyard/engine';
import type { IdempotencyRecord, RunRecord, RunStatus, Store } from '@switchyard/engine';
import {
  finishedAttemptRecord,
  fullNodeRecord,
  integrationRecord,
  openAttemptRecord,
  pendingNodeRecord,
  runRecord,
  workflowDefinition,
} from './store-fixtures.js';

/** What a store implementation hands the contract suite for one test. */
export interface StoreContractHarness {
  store: Store;
  /** Opens the same data again after the suite closed `store` (durable stores only). */
  reopen?: () => Promise<Store>;
  /** Closes every store handed out that is still open (the suite may have closed some) and deletes the data. */
  cleanup: () => Promise<void>;
}

/**
 * The Store port's contract, for every implementation (SQLite, PostgreSQL, memory). Each test gets a
 * fresh, empty store from `makeStore`. Where the port leaves an order open (nodes of a run,
 * workflows, integrations, runs with equal createdAt), the suite does not depend on it.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreContractHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreContractHarness;
    let store: Store;

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    const byId = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
    const byNodeId = <T extends { nodeId: string }>(items: T[]): T[] =>
      [...items].sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));

    /** A run with two nodes (one started, one pending), committed through createRun. */
    async function seedRun(id: string, overrides: Partial<RunRecord> = {}): Promise<RunRecord> {
      const run = runRecord(id, overrides);
      await store.createRun(run, [
        pendingNodeRecord(id, 'fetch', { status: 'running', epoch: 1, startedAt: run.createdAt + 1, lastAttempt: 1 }),
        pendingNodeRecord(id, 'shape'),
      ]);
      return run;
    }

    describe('workflows and their versions', () => {
      it('createWorkflow stores version 1, inactive, and getWorkflow answers exactly what was stored', async () => {
        const definition = workflowDefinition('Orders');
        const created = await store.createWorkflow('wf_orders', definition, 1000);
        const expected = { id: 'wf_orders', version: 1, active: false, definition, createdAt: 1000, updatedAt: 1000 };
        expect(created).toStrictEqual(expected);
        expect(await store.getWorkflow('wf_orders')).toStrictEqual(expected);
        expect(await store.getWorkflowVersion('wf_orders', 1)).toStrictEqual(expected);
      });

      it('updateWorkflow stores the next version and every earlier version stays readable', async () => {
        await store.createWorkflow('wf', workflowDefinition('One', 1), 1000);
        const second = await store.updateWorkflow('wf', workflowDefinition('Two', 2), 2000);
        const third = await store.updateWorkflow('wf', workflowDefinition('Three', 3), 3000);
        expect(second?.version).toBe(2);
        expect(third).toMatchObject({ version: 3, createdAt: 1000, updatedAt: 3000 });
        expect(third?.definition).toStrictEqual(workflowDefinition('Three', 3));

        const latest = await store.getWorkflow('wf');
        expect(latest?.version).toBe(3);
        expect(latest?.definition).toStrictEqual(workflowDefinition('Three', 3));
        const first = await store.getWorkflowVersion('wf', 1);
        expect(first?.version).toBe(1);
        expect(first?.definition).toStrictEqual(workflowDefinition('One', 1));
        expect((await store.getWorkflowVersion('wf', 2))?.definition).toStrictEqual(workflowDefinition('Two', 2));
        expect(await store.getWorkflowVersion('wf', 4)).toBeUndefined();
        expect(await store.listWorkflowVersions('wf')).toStrictEqual([
          { version: 1, createdAt: 1000 },
          { version: 2, createdAt: 2000 },
          { version: 3, createdAt: 3000 },
        ]);
      });

      it('answers "not found" for a workflow that does not exist', async () => {
        expect(await store.getWorkflow('nope')).toBeUndefined();
        expect(await store.getWorkflowVersion('nope', 1)).toBeUndefined();
        expect(await store.updateWorkflow('nope', workflowDefinition('X'), 1)).toBeUndefined();
        expect(await store.setWorkflowActive('nope', true, 1)).toBe(false);
        expect(await store.deleteWorkflow('nope', 1)).toBe(false);
        expect(await store.listWorkflowVersions('nope')).toStrictEqual([]);
        expect(await store.listWorkflows()).toStrictEqual([]);
      });

      it('listWorkflows summarises the latest version of each workflow', async () => {
        await store.createWorkflow('wf_b', workflowDefinition('Billing'), 1000);
        await store.createWorkflow('wf_a', workflowDefinition('Accounts'), 1100);
        await store.updateWorkflow('wf_b', workflowDefinition('Billing v2'), 1200);
        expect(byId(await store.listWorkflows())).toStrictEqual([
          { id: 'wf_a', name: 'Accounts', version: 1, active: false, updatedAt: 1100 },
          { id: 'wf_b', name: 'Billing v2', version: 2, active: false, updatedAt: 1200 },
        ]);
      });

      it('setWorkflowActive switches a workflow on and off', async () => {
        await store.createWorkflow('wf', workflowDefinition('Orders'), 1000);
        expect(await store.setWorkflowActive('wf', true, 2000)).toBe(true);
        expect(await store.getWorkflow('wf')).toMatchObject({ active: true, updatedAt: 2000, version: 1 });
        expect(await store.listWorkflows()).toMatchObject([{ id: 'wf', active: true }]);
        expect(await store.setWorkflowActive('wf', false, 3000)).toBe(true);
        expect(await store.getWorkflow('wf')).toMatchObject({ active: false, updatedAt: 3000 });
      });

      it('a deleted workflow leaves the lists and getWorkflow, but its versions stay readable', async () => {
        await store.createWorkflow('wf', workflowDefinition('Orders', 1), 1000);
        await store.updateWorkflow('wf', workflowDefinition('Orders', 2), 2000);
        await store.createWorkflow('wf_other', workflowDefinition('Other'), 1000);
        expect(await store.deleteWorkflow('wf', 3000)).toBe(true);

        expect(await store.getWorkflow('wf')).toBeUndefined();
        expect((await store.listWorkflows()).map((w) => w.id)).toStrictEqual(['wf_other']);
        expect((await store.getWorkflowVersion('wf', 1))?.definition).toStrictEqual(workflowDefinition('Orders', 1));
        expect((await store.getWorkflowVersion('wf', 2))?.definition).toStrictEqual(workflowDefinition('Orders', 2));
        expect((await store.listWorkflowVersions('wf')).map((v) => v.version)).toStrictEqual([1, 2]);

        expect(await store.deleteWorkflow('wf', 4000)).toBe(false);
        expect(await store.updateWorkflow('wf', workflowDefinition('Orders', 3), 4000)).toBeUndefined();
        expect(await store.setWorkflowActive('wf', true, 4000)).toBe(false);
        expect(await store.getWorkflowVersion('wf', 3)).toBeUndefined();
      });

      it('createWorkflow on a taken id, even a deleted one, rejects with a ConflictError and changes nothing', async () => {
        await store.createWorkflow('wf', workflowDefinition('Original'), 1000);
        await expect(store.createWorkflow('wf', workflowDefinition('Intruder'), 2000)).rejects.toMatchObject({
          name: 'ConflictError',
        });
        expect(await store.getWorkflow('wf')).toMatchObject({ version: 1, definition: { name: 'Original' } });

        await store.deleteWorkflow('wf', 3000);
        await expect(store.createWorkflow('wf', workflowDefinition('Reborn'), 4000)).rejects.toMatchObject({
          name: 'ConflictError',
        });
        expect(await store.getWorkflow('wf')).toBeUndefined();
        expect(await store.listWorkflowVersions('wf')).toStrictEqual([{ version: 1, createdAt: 1000 }]);
      });
    });

    describe('integrations', () => {
      it('putIntegration inserts, then replaces; get and list answer exactly what was stored', async () => {
        const crm = integrationRecord('crm');
        const payments = integrationRecord('payments', { timeoutMs: null, credential: null });
        await store.putIntegration(crm);
        await store.putIntegration(payments);
        expect(await store.getIntegration('crm')).toStrictEqual(crm);
        expect(await store.getIntegration('payments')).toStrictEqual(payments);

        const changed = { ...crm, name: 'CRM (EU)', baseUrl: 'https://eu.crm.example.test', timeoutMs: null, updatedAt: 9 };
        await store.putIntegration(changed);
        expect(await store.getIntegration('crm')).toStrictEqual(changed);
        expect(byId(await store.listIntegrations())).toStrictEqual([changed, payments]);
      });

      it('deleteIntegration removes only that integration and answers whether it existed', async () => {
        await store.putIntegration(integrationRecord('crm'));
        await store.putIntegration(integrationRecord('payments'));
        expect(await store.deleteIntegration('crm')).toBe(true);
        expect(await store.deleteIntegration('crm')).toBe(false);
        expect(await store.getIntegration('crm')).toBeUndefined();
        expect((await store.listIntegrations()).map((i) => i.id)).toStrictEqual(['payments']);
      });

      it('keeps an integration\'s protections exactly as sent, and none when none were set', async () => {
        const guarded = integrationRecord('crm', {
          protections: { breaker: { consecutiveFailures: 3, coolDownMs: 5_000 }, bulkhead: { maxConcurrent: 2, maxQueue: 0 }, rateLimit: { perSecond: 0.5 }, retryBudget: { enabled: false } },
        });
        await store.putIntegration(guarded);
        await store.putIntegration(integrationRecord('payments'));
        expect(await store.getIntegration('crm')).toStrictEqual(guarded);
        expect(await store.getIntegration('payments')).not.toHaveProperty('protections');
      });

      it('stores breaker transitions: the newest per integration, and one integration\'s history newest first since a time', async () => {
        const t = (integrationId: string, at: number, from: 'closed' | 'open' | 'half_open', to: 'closed' | 'open' | 'half_open') => ({ integrationId, at, from, to, reason: `${from} to ${to}` });
        await store.putIntegration(integrationRecord('crm'));
        await store.putIntegration(integrationRecord('payments'));
        for (const transition of [t('crm', 10, 'closed', 'open'), t('payments', 12, 'closed', 'open'), t('crm', 20, 'open', 'half_open'), t('crm', 21, 'half_open', 'closed')]) {
          await store.recordBreakerTransition(transition);
        }
        expect(await store.latestBreakerTransitions()).toStrictEqual([t('crm', 21, 'half_open', 'closed'), t('payments', 12, 'closed', 'open')]);
        expect(await store.listBreakerTransitions('crm', 15, 10)).toStrictEqual([t('crm', 21, 'half_open', 'closed'), t('crm', 20, 'open', 'half_open')]);
        expect(await store.listBreakerTransitions('crm', 0, 1)).toStrictEqual([t('crm', 21, 'half_open', 'closed')]);
        // Changes older than 30 days go when a newer one is stored.
        await store.recordBreakerTransition(t('payments', 12 + 31 * 86_400_000, 'open', 'half_open'));
        expect((await store.listBreakerTransitions('payments', 0, 10)).map((x) => x.to)).toStrictEqual(['half_open']);
        // Deleting an integration forgets its breaker: one created again under its id starts closed.
        await store.deleteIntegration('crm');
        expect(await store.listBreakerTransitions('crm', 0, 10)).toStrictEqual([]);
        expect((await store.latestBreakerTransitions()).map((x) => `${x.integrationId}:${x.to}`)).toStrictEqual(['payments:half_open']);
      });
    });

    describe('runs: create and load', () => {
      it('createRun then loadRun round-trips every field of the run and of its nodes', async () => {
        const run = runRecord('run_1', {
          status: 'failed',
          degraded: true,
          phase: 'ended',
          finishedAt: 1_700_000_009_999,
          stopReason: { kind: 'node_failed', nodeId: 'charge', failure: { category: 'auth', message: 'HTTP 401', httpStatus: 401 } },
          completionSeq: 12,
        });
        const nodes = [
          fullNodeRecord('run_1', 'charge'),
          pendingNodeRecord('run_1', 'notify'),
          // Falsy JSON values must not come back as null.
          pendingNodeRecord('run_1', 'zero', { status: 'succeeded', source: 'self', input: '', output: 0, params: false }),
          pendingNodeRecord('run_1', 'jsonnull', { status: 'succeeded', source: 'last_known_good', output: [null] }),
        ];
        await store.createRun(run, nodes);

        expect(await store.getRun('run_1')).toStrictEqual(run);
        const snapshot = await store.loadRun('run_1');
        expect(snapshot?.run).toStrictEqual(run);
        expect(byNodeId(snapshot?.nodes ?? [])).toStrictEqual(byNodeId(nodes));
        expect(snapshot?.openAttempts).toStrictEqual([]);
        expect(byNodeId(await store.listNodeRuns('run_1'))).toStrictEqual(byNodeId(nodes));
      });

      it('round-trips every kind of trigger and stop reason', async () => {
        const runs = [
          runRecord('r_manual', { trigger: { kind: 'manual', body: [1, 'a', null, { b: false }] } }),
          runRecord('r_schedule', {
            trigger: { kind: 'schedule', firedAt: '2024-05-06T07:08:09.000Z' },
            stopReason: { kind: 'outcome_unknown', nodeId: 'charge' },
          }),
          runRecord('r_cancel', { status: 'cancelled', stopReason: { kind: 'cancelled', compensate: true } }),
          runRecord('r_null_body', { trigger: { kind: 'manual', body: null } }),
        ];
        for (const run of runs) await store.createRun(run, []);
        for (const run of runs) expect(await store.getRun(run.id)).toStrictEqual(run);
      });

      it('answers "not found" for a run that does not exist', async () => {
        expect(await store.loadRun('missing')).toBeUndefined();
        expect(await store.getRun('missing')).toBeUndefined();
        expect(await store.listNodeRuns('missing')).toStrictEqual([]);
        expect(await store.listAttempts('missing')).toStrictEqual([]);
      });

      it('createRun is atomic: a duplicate node id rejects it and leaves no run behind', async () => {
        await expect(
          store.createRun(runRecord('run_dup'), [pendingNodeRecord('run_dup', 'a'), pendingNodeRecord('run_dup', 'a')]),
        ).rejects.toThrow();
        expect(await store.getRun('run_dup')).toBeUndefined();
        expect(await store.listNodeRuns('run_dup')).toStrictEqual([]);
        expect(await store.listUnfinishedRunIds()).toStrictEqual([]);
      });

      it('createRun with a taken run id rejects and keeps the first run', async () => {
        const first = await seedRun('run_1');
        await expect(store.createRun(runRecord('run_1', { workflowId: 'other' }), [])).rejects.toThrow();
        expect(await store.getRun('run_1')).toStrictEqual(first);
        expect(await store.listNodeRuns('run_1')).toHaveLength(2);
      });

      it('a changeset that creates a run writes it with its first attempt at once; a taken id rejects all of it', async () => {
        const first = openAttemptRecord('run_new', 'a', 1, 1_700_000_000_010);
        await store.commit({ created: { run: runRecord('run_new'), nodes: [pendingNodeRecord('run_new', 'a')] }, attempts: [first] });
        expect(await store.getRun('run_new')).toStrictEqual(runRecord('run_new'));
        expect(await store.listAttempts('run_new')).toStrictEqual([first]);

        const again = openAttemptRecord('run_new', 'a', 2, 1_700_000_000_020);
        await expect(store.commit({ created: { run: runRecord('run_new', { workflowId: 'other' }), nodes: [] }, attempts: [again] })).rejects.toThrow();
        expect(await store.getRun('run_new')).toStrictEqual(runRecord('run_new'));
        expect(await store.listAttempts('run_new')).toStrictEqual([first]);
      });
    });

    describe('runs: previews for viewers', () => {
      it('a value longer than the limit comes as the start of its JSON text, its field null; shorter ones whole', async () => {
        const long = { items: Array.from({ length: 200 }, (_, i) => ({ i, name: `item ${i}` })) };
        await store.createRun(runRecord('run_1'), [
          pendingNodeRecord('run_1', 'big', { status: 'succeeded', source: 'self', input: { small: 1 }, output: long }),
          pendingNodeRecord('run_1', 'small', { status: 'succeeded', source: 'self', output: [1, 2] }),
        ]);
        const previews = await store.listNodeRunPreviews('run_1', 50);
        const big = previews.find((p) => p.node.nodeId === 'big')!;
        expect(big.cut).toStrictEqual({ output: JSON.stringify(long).slice(0, 50) });
        expect(big.node).toMatchObject({ status: 'succeeded', input: { small: 1 }, output: null });
        expect(previews.find((p) => p.node.nodeId === 'small')).toStrictEqual({ node: expect.objectContaining({ output: [1, 2] }), cut: {} });
        expect((await store.listNodeRuns('run_1')).find((n) => n.nodeId === 'big')?.output).toStrictEqual(long);
      });
    });

    describe('runs: leases', () => {
      it('claims every unfinished run, raising its epoch at each claim; finished runs are not taken back', async () => {
        await seedRun('run_1');
        await store.createRun(runRecord('run_2', { status: 'succeeded', phase: 'ended', finishedAt: 1_700_000_000_100 }), []);
        const first = await store.claimRuns('worker-a', 1_000, 30_000, Number.POSITIVE_INFINITY);
        expect(first).toStrictEqual([{ runId: 'run_1', owner: 'worker-a', epoch: 1, until: 31_000 }]);
        const again = await store.claimRuns('worker-a', 2_000, 30_000, 10);
        expect(again).toStrictEqual([{ runId: 'run_1', owner: 'worker-a', epoch: 2, until: 32_000 }]);
      });

      it('a step written under an older epoch, or by another owner, is refused whole; the current one is written', async () => {
        await seedRun('run_1');
        const old = (await store.claimRun('run_1', 'worker-a', 1_000, 30_000))!;
        const current = (await store.claimRun('run_1', 'worker-a', 2_000, 30_000))!;
        expect(current.epoch).toBe(old.epoch + 1);
        const step = (status: RunStatus) => ({ runs: [runRecord('run_1', { status })], timersSet: [{ runId: 'run_1', nodeId: 'fetch', kind: 'retry' as const, dueAt: 9 }] });
        await expect(store.commit({ ...step('waiting'), fence: { runId: 'run_1', owner: 'worker-a', epoch: old.epoch } })).rejects.toBeInstanceOf(StaleWriteError);
        await expect(store.commit({ ...step('waiting'), fence: { runId: 'run_1', owner: 'worker-b', epoch: current.epoch } })).rejects.toBeInstanceOf(StaleWriteError);
        expect((await store.getRun('run_1'))?.status).toBe('running');
        expect(await store.listTimers()).toStrictEqual([]);
        await store.commit({ ...step('waiting'), fence: { runId: 'run_1', owner: 'worker-a', epoch: current.epoch } });
        expect((await store.getRun('run_1'))?.status).toBe('waiting');
      });

      it('a run created held is written under epoch 1 at once', async () => {
        await store.commit({ created: { run: runRecord('run_new'), nodes: [], lease: { owner: 'worker-a', until: 5_000 } }, fence: { runId: 'run_new', owner: 'worker-a', epoch: 1 } });
        await store.commit({ runs: [runRecord('run_new', { status: 'waiting' })], fence: { runId: 'run_new', owner: 'worker-a', epoch: 1 } });
        expect((await store.getRun('run_new'))?.status).toBe('waiting');
      });

      it('renews only what the owner holds, releases, and finds the due timers of the runs it holds', async () => {
        await seedRun('run_1');
        await seedRun('run_2');
        await store.claimRun('run_1', 'worker-a', 1_000, 30_000);
        await store.claimRun('run_2', 'worker-b', 1_000, 30_000);
        expect(await store.renewLeases('worker-a', ['run_1', 'run_2'], 10_000, 30_000)).toStrictEqual(['run_1']);
        await store.commit({
          timersSet: [
            { runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 500 },
            { runId: 'run_1', nodeId: 'shape', kind: 'retry', dueAt: 5_000 },
            { runId: 'run_2', nodeId: 'fetch', kind: 'retry', dueAt: 400 },
          ],
        });
        expect(await store.claimDueTimers('worker-a', 1_000, 10)).toStrictEqual([{ runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 500 }]);
        await store.releaseLeases('worker-a', ['run_1']);
        expect(await store.renewLeases('worker-a', ['run_1'], 11_000, 30_000)).toStrictEqual([]);
        expect(await store.claimDueTimers('worker-a', 10_000, 10)).toStrictEqual([]);
      });
    });

    describe('runs: commit', () => {
      it('commit writes run, node, attempt, timer and last-known-good changes together', async () => {
        const run = await seedRun('run_1');
        const attempt = openAttemptRecord('run_1', 'fetch', 1, 1_700_000_000_020);
        const node = fullNodeRecord('run_1', 'fetch', { status: 'retrying', source: null, output: null });
        const waiting = { ...run, status: 'waiting' as const, completionSeq: 1 };
        const lkg = { workflowId: 'wf_orders', nodeId: 'fetch', key: 'k', output: { items: [1, 2] }, updatedAt: 5 };
        await store.commit({
          runs: [waiting],
          nodes: [node],
          attempts: [attempt],
          timersSet: [{ runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 1_700_000_001_000 }],
          lastKnownGood: [lkg],
        });

        const snapshot = await store.loadRun('run_1');
        expect(snapshot?.run).toStrictEqual(waiting);
        expect(snapshot?.nodes.find((n) => n.nodeId === 'fetch')).toStrictEqual(node);
        expect(snapshot?.nodes.find((n) => n.nodeId === 'shape')).toStrictEqual(pendingNodeRecord('run_1', 'shape'));
        expect(snapshot?.openAttempts).toStrictEqual([attempt]);
        expect(await store.listTimers()).toStrictEqual([
          { runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 1_700_000_001_000 },
        ]);
        expect(await store.getLastKnownGood('wf_orders', 'fetch', 'k')).toStrictEqual(lkg);
      });

      it('an attempt stays open until it is finished, and is then recorded in full', async () => {
        await seedRun('run_1');
        const open = openAttemptRecord('run_1', 'fetch', 1, 100);
        await store.commit({ attempts: [open] });
        // An open attempt may be updated while still open (e.g. the request it sent).
        const withRequest = { ...open, request: { method: 'GET', url: 'https://x.test', headers: {}, body: null, truncated: false } };
        await store.commit({ attempts: [withRequest] });
        expect((await store.loadRun('run_1'))?.openAttempts).toStrictEqual([withRequest]);

        const finished = finishedAttemptRecord(withRequest, 'failed', 350);
        await store.commit({ attempts: [finished] });
        expect((await store.loadRun('run_1'))?.openAttempts).toStrictEqual([]);
        expect(await store.listAttempts('run_1')).toStrictEqual([finished]);
      });

      it('listAttempts answers oldest first across epochs and can filter by node', async () => {
        await seedRun('run_1');
        const a1 = finishedAttemptRecord(openAttemptRecord('run_1', 'fetch', 1, 100), 'failed', 150);
        const b1 = finishedAttemptRecord(openAttemptRecord('run_1', 'shape', 1, 200), 'succeeded', 210);
        const a2 = finishedAttemptRecord({ ...openAttemptRecord('run_1', 'fetch', 2, 300), epoch: 1 }, 'succeeded', 320);
        const a3 = { ...openAttemptRecord('run_1', 'fetch', 3, 400), epoch: 2 };
        await store.commit({ attempts: [a3, a1] });
        await store.commit({ attempts: [b1, a2] });
        expect(await store.listAttempts('run_1')).toStrictEqual([a1, b1, a2, a3]);
        expect(await store.listAttempts('run_1', 'fetch')).toStrictEqual([a1, a2, a3]);
        expect(await store.listAttempts('run_1', 'shape')).toStrictEqual([b1]);
        expect((await store.loadRun('run_1'))?.openAttempts).toStrictEqual([a3]);
      });

      it('finishing an attempt already finished rejects the whole changeset with StaleWriteError and changes nothing', async () => {
        const run = await seedRun('run_1');
        const open = openAttemptRecord('run_1', 'fetch', 1, 100);
        await store.commit({ attempts: [open] });
        const recorded = finishedAttemptRecord(open, 'succeeded', 200);
        await store.commit({ attempts: [recorded] });
        const before = {
          snapshot: await store.loadRun('run_1'),
          attempts: await store.listAttempts('run_1'),
          timers: await store.listTimers(),
        };

        const late = finishedAttemptRecord(open, 'failed', 900);
        const stale = store.commit({
          runs: [{ ...run, status: 'failed', completionSeq: 99 }],
          nodes: [fullNodeRecord('run_1', 'shape')],
          attempts: [openAttemptRecord('run_1', 'shape', 1, 800), late],
          timersSet: [{ runId: 'run_1', nodeId: 'shape', kind: 'delay', dueAt: 5 }],
          lastKnownGood: [{ workflowId: 'wf_orders', nodeId: 'fetch', key: '', output: 'late', updatedAt: 900 }],
        });
        await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
        await expect(stale).rejects.toMatchObject({ name: 'StaleWriteError' });

        expect(await store.loadRun('run_1')).toStrictEqual(before.snapshot);
        expect(await store.listAttempts('run_1')).toStrictEqual(before.attempts);
        expect(await store.listTimers()).toStrictEqual(before.timers);
        expect(await store.getLastKnownGood('wf_orders', 'fetch', '')).toBeUndefined();
      });

      it('re-writing an attempt already finished is stale too, even with the same values', async () => {
        await seedRun('run_1');
        const finished = finishedAttemptRecord(openAttemptRecord('run_1', 'fetch', 1, 100), 'succeeded', 200);
        await store.commit({ attempts: [finished] });
        await expect(store.commit({ attempts: [finished] })).rejects.toBeInstanceOf(StaleWriteError);
      });

      it('two concurrent finishes of one attempt: exactly one result is recorded', async () => {
        await seedRun('run_1');
        const open = openAttemptRecord('run_1', 'fetch', 1, 100);
        await store.commit({ attempts: [open] });
        const mine = finishedAttemptRecord(open, 'succeeded', 200);
        const theirs = finishedAttemptRecord(open, 'failed', 300);
        const results = await Promise.allSettled([
          store.commit({ attempts: [mine], nodes: [fullNodeRecord('run_1', 'fetch', { output: 'mine' })] }),
          store.commit({ attempts: [theirs], nodes: [fullNodeRecord('run_1', 'fetch', { output: 'theirs' })] }),
        ]);
        const fulfilled = results.filter((r) => r.status === 'fulfilled');
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]?.reason).toBeInstanceOf(StaleWriteError);

        const winner = results[0]?.status === 'fulfilled' ? mine : theirs;
        expect(await store.listAttempts('run_1', 'fetch')).toStrictEqual([winner]);
        const node = (await store.listNodeRuns('run_1')).find((n) => n.nodeId === 'fetch');
        expect(node?.output).toBe(winner === mine ? 'mine' : 'theirs');
      });

      it('concurrent commits where one is stale: only the stale one rejects, the others land', async () => {
        await seedRun('run_1');
        await seedRun('run_2');
        const done = finishedAttemptRecord(openAttemptRecord('run_1', 'fetch', 1, 100), 'succeeded', 200);
        await store.commit({ attempts: [done] });

        const a = openAttemptRecord('run_1', 'fetch', 2, 300);
        const c = openAttemptRecord('run_2', 'fetch', 1, 300);
        const results = await Promise.allSettled([
          store.commit({ attempts: [a] }),
          store.commit({ attempts: [finishedAttemptRecord(done, 'failed', 999)], timersSet: [{ runId: 'run_1', nodeId: 'shape', kind: 'delay', dueAt: 1 }] }),
          store.commit({ attempts: [c], timersSet: [{ runId: 'run_2', nodeId: 'fetch', kind: 'retry', dueAt: 2 }] }),
        ]);
        expect(results.map((r) => r.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(results[1]?.status === 'rejected' && results[1].reason).toBeInstanceOf(StaleWriteError);
        expect(await store.listAttempts('run_1', 'fetch')).toStrictEqual([done, a]);
        expect(await store.listAttempts('run_2')).toStrictEqual([c]);
        expect(await store.listTimers()).toStrictEqual([{ runId: 'run_2', nodeId: 'fetch', kind: 'retry', dueAt: 2 }]);
      });

      it('a later commit of a run or node replaces the stored record', async () => {
        const run = await seedRun('run_1');
        const ended: RunRecord = {
          ...run,
          workflowVersion: 4,
          status: 'needs_attention',
          degraded: true,
          phase: 'ended',
          finishedAt: run.createdAt + 500,
          stopReason: { kind: 'outcome_unknown', nodeId: 'fetch' },
          completionSeq: 2,
        };
        const node = pendingNodeRecord('run_1', 'fetch', { status: 'failed', error: { category: 'internal', message: 'outcome unknown' } });
        await store.commit({ runs: [ended], nodes: [node] });
        expect(await store.getRun('run_1')).toStrictEqual(ended);
        expect((await store.listNodeRuns('run_1')).find((n) => n.nodeId === 'fetch')).toStrictEqual(node);

        const back = pendingNodeRecord('run_1', 'fetch');
        await store.commit({ nodes: [back] });
        expect((await store.listNodeRuns('run_1')).find((n) => n.nodeId === 'fetch')).toStrictEqual(back);
      });
    });

    describe('runs: listing and counting', () => {
      const STATUSES: RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'];

      /** 30 runs over two workflows; createdAt repeats every third run so ties cross page borders. */
      async function seedMany(): Promise<RunRecord[]> {
        const runs: RunRecord[] = [];
        for (let i = 0; i < 30; i++) {
          const run = runRecord(`run_${String(i).padStart(2, '0')}`, {
            workflowId: i % 3 === 0 ? 'wf_a' : 'wf_b',
            status: STATUSES[i % STATUSES.length] ?? 'queued',
            degraded: i % 4 === 0,
            createdAt: 10_000 + Math.floor(i / 3) * 100,
          });
          runs.push(run);
          await store.createRun(run, []);
        }
        return runs;
      }

      async function listAll(filter: Omit<Parameters<Store['listRuns']>[0], 'cursor'>): Promise<RunRecord[]> {
        const items: RunRecord[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 100; page++) {
          const result = await store.listRuns(cursor === undefined ? filter : { ...filter, cursor });
          expect(result.items.length).toBeLessThanOrEqual(filter.limit);
          items.push(...result.items);
          if (result.nextCursor === null) return items;
          expect(result.items).toHaveLength(filter.limit);
          cursor = result.nextCursor;
        }
        throw new Error('listRuns never answered nextCursor: null');
      }

      function expectNewestFirst(items: RunRecord[]): void {
        for (let i = 1; i < items.length; i++) {
          expect(items[i - 1]?.createdAt).toBeGreaterThanOrEqual(items[i]?.createdAt ?? Number.POSITIVE_INFINITY);
        }
      }

      it('listRuns pages newest first with a cursor, with no gap and no repeat', async () => {
        const runs = await seedMany();
        for (const limit of [1, 4, 7, 30, 200]) {
          const items = await listAll({ limit });
          expectNewestFirst(items);
          expect(items.map((r) => r.id).sort()).toStrictEqual(runs.map((r) => r.id).sort());
        }
        // The three newest runs share one createdAt: they come first, in whatever order the store keeps ties.
        const first = await store.listRuns({ limit: 3 });
        expect(first.items.map((r) => r.id).sort()).toStrictEqual(['run_27', 'run_28', 'run_29']);
        expect(byId(first.items)).toStrictEqual(runs.slice(27));
      });

      it('listRuns answers nextCursor null when a page ends with the last run', async () => {
        await seedMany();
        const exact = await store.listRuns({ limit: 30 });
        expect(exact.items).toHaveLength(30);
        expect(exact.nextCursor).toBeNull();
        const page = await store.listRuns({ limit: 29 });
        expect(page.nextCursor).not.toBeNull();
        const rest = await store.listRuns({ limit: 29, cursor: page.nextCursor ?? '' });
        expect(rest.items).toHaveLength(1);
        expect(rest.nextCursor).toBeNull();
        expect(await store.listRuns({ limit: 10, workflowId: 'nope' })).toStrictEqual({ items: [], nextCursor: null });
      });

      it('listRuns filters by workflow, status, degraded, since (inclusive) and until (exclusive)', async () => {
        const runs = await seedMany();
        const ids = (items: RunRecord[]): string[] => items.map((r) => r.id).sort();
        const expectFilter = async (
          filter: Omit<Parameters<Store['listRuns']>[0], 'cursor' | 'limit'>,
          keep: (r: RunRecord) => boolean,
        ): Promise<void> => {
          const items = await listAll({ ...filter, limit: 3 });
          expectNewestFirst(items);
          const expected = runs.filter(keep);
          expect(expected.length).toBeGreaterThan(0);
          expect(ids(items)).toStrictEqual(ids(expected));
        };
        await expectFilter({ workflowId: 'wf_a' }, (r) => r.workflowId === 'wf_a');
        await expectFilter({ status: 'failed' }, (r) => r.status === 'failed');
        await expectFilter({ degraded: true }, (r) => r.degraded);
        await expectFilter({ degraded: false }, (r) => !r.degraded);
        await expectFilter({ since: 10_300 }, (r) => r.createdAt >= 10_300);
        await expectFilter({ until: 10_300 }, (r) => r.createdAt < 10_300);
        await expectFilter({ since: 10_200, until: 10_600 }, (r) => r.createdAt >= 10_200 && r.createdAt < 10_600);
        await expectFilter(
          { workflowId: 'wf_b', status: 'running', degraded: false, since: 10_000, until: 20_000 },
          (r) => r.workflowId === 'wf_b' && r.status === 'running' && !r.degraded,
        );
      });

      it('countRuns counts every status (zero when none) and the degraded runs, by workflow and since', async () => {
        const runs = await seedMany();
        const expectCounts = async (filter: { workflowId?: string; since?: number }, keep: (r: RunRecord) => boolean) => {
          const selected = runs.filter(keep);
          const expected: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
          for (const r of selected) expected[r.status] = (expected[r.status] ?? 0) + 1;
          expected.degraded = selected.filter((r) => r.degraded).length;
          expect(await store.countRuns(filter)).toStrictEqual(expected);
        };
        await expectCounts({}, () => true);
        await expectCounts({ workflowId: 'wf_a' }, (r) => r.workflowId === 'wf_a');
        await expectCounts({ since: 10_500 }, (r) => r.createdAt >= 10_500);
        await expectCounts({ workflowId: 'wf_b', since: 10_500 }, (r) => r.workflowId === 'wf_b' && r.createdAt >= 10_500);
        await expectCounts({ workflowId: 'nope' }, () => false);
      });

      it('listUnfinishedRunIds lists runs not in a terminal status and drops a run once it ends', async () => {
        const runs = await seedMany();
        const unfinished = runs.filter((r) => ['queued', 'running', 'waiting'].includes(r.status)).map((r) => r.id);
        expect((await store.listUnfinishedRunIds()).sort()).toStrictEqual(unfinished.sort());

        const live = runs.find((r) => r.status === 'running');
        if (live === undefined) throw new Error('fixture has no running run');
        await store.commit({ runs: [{ ...live, status: 'succeeded', phase: 'ended', finishedAt: live.createdAt + 1 }] });
        expect(await store.listUnfinishedRunIds()).not.toContain(live.id);
        expect((await store.listUnfinishedRunIds()).sort()).toStrictEqual(unfinished.filter((id) => id !== live.id).sort());
      });
    });

    describe('timers', () => {
      it('timers are set, replaced, cleared and listed soonest first', async () => {
        await seedRun('run_1');
        await seedRun('run_2');
        await store.commit({
          timersSet: [
            { runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 3000 },
            { runId: 'run_2', nodeId: 'fetch', kind: 'delay', dueAt: 1000 },
            { runId: 'run_2', nodeId: 'shape', kind: 'defer', dueAt: 2000 },
          ],
        });
        expect(await store.listTimers()).toStrictEqual([
          { runId: 'run_2', nodeId: 'fetch', kind: 'delay', dueAt: 1000 },
          { runId: 'run_2', nodeId: 'shape', kind: 'defer', dueAt: 2000 },
          { runId: 'run_1', nodeId: 'fetch', kind: 'retry', dueAt: 3000 },
        ]);

        // One timer per node: setting again replaces it.
        await store.commit({ timersSet: [{ runId: 'run_1', nodeId: 'fetch', kind: 'defer', dueAt: 500 }] });
        await store.commit({ timersCleared: [{ runId: 'run_2', nodeId: 'shape' }, { runId: 'run_1', nodeId: 'shape' }] });
        expect(await store.listTimers()).toStrictEqual([
          { runId: 'run_1', nodeId: 'fetch', kind: 'defer', dueAt: 500 },
          { runId: 'run_2', nodeId: 'fetch', kind: 'delay', dueAt: 1000 },
        ]);

        await store.commit({ timersCleared: [{ runId: 'run_1', nodeId: 'fetch' }, { runId: 'run_2', nodeId: 'fetch' }] });
        expect(await store.listTimers()).toStrictEqual([]);
      });
    });

    describe('idempotency keys', () => {
      const claim = (runId: string, createdAt = 1000, key = 'delivery-1'): IdempotencyRecord => ({
        scope: 'wf_orders',
        key,
        runId,
        response: null,
        createdAt,
      });

      it('the first claim wins; a later claim answers the record that holds the key', async () => {
        expect(await store.claimIdempotencyKey(claim('run_1'))).toStrictEqual({ claimed: true });
        expect(await store.claimIdempotencyKey(claim('run_2', 2000))).toStrictEqual({
          claimed: false,
          existing: claim('run_1'),
        });
        // Keys are per scope.
        expect(await store.claimIdempotencyKey({ ...claim('run_3'), scope: 'wf_other' })).toStrictEqual({ claimed: true });
      });

      it('setIdempotencyResponse stores the answer that later claims replay', async () => {
        await store.claimIdempotencyKey(claim('run_1'));
        const response = { status: 202, body: { runId: 'run_1', statusUrl: '/api/runs/run_1' } };
        await store.setIdempotencyResponse('wf_orders', 'delivery-1', response);
        expect(await store.claimIdempotencyKey(claim('run_2'))).toStrictEqual({
          claimed: false,
          existing: { ...claim('run_1'), response },
        });
      });

      it('50 concurrent claims of one key: exactly one is claimed and the others see its run', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.claimIdempotencyKey(claim(`run_${i}`, 1000 + i))),
        );
        const winners = results.flatMap((r, i) => (r.claimed ? [i] : []));
        expect(winners).toHaveLength(1);
        const winner = `run_${winners[0] ?? -1}`;
        for (const result of results) {
          if (!result.claimed) expect(result.existing.runId).toBe(winner);
        }
      });

      it('pruneIdempotencyKeys forgets keys created before the cutoff and counts them', async () => {
        await store.claimIdempotencyKey(claim('run_1', 1000, 'old-1'));
        await store.claimIdempotencyKey(claim('run_2', 1999, 'old-2'));
        await store.claimIdempotencyKey(claim('run_3', 2000, 'new'));
        expect(await store.pruneIdempotencyKeys(2000)).toBe(2);
        expect(await store.claimIdempotencyKey(claim('run_4', 3000, 'old-1'))).toStrictEqual({ claimed: true });
        expect(await store.claimIdempotencyKey(claim('run_5', 3000, 'new'))).toMatchObject({
          claimed: false,
          existing: { runId: 'run_3' },
        });
        expect(await store.pruneIdempotencyKeys(0)).toBe(0);
      });
    });

    describe('last known good', () => {
      it('an upsert keeps the newest output: an older write changes nothing', async () => {
        const at = (updatedAt: number, output: string) => ({ workflowId: 'wf', nodeId: 'rates', key: 'EUR', output, updatedAt });
        await store.commit({ lastKnownGood: [at(200, 'two hundred')] });
        await store.commit({ lastKnownGood: [at(100, 'one hundred')] });
        expect(await store.getLastKnownGood('wf', 'rates', 'EUR')).toStrictEqual(at(200, 'two hundred'));
        await store.commit({ lastKnownGood: [at(300, 'three hundred')] });
        expect(await store.getLastKnownGood('wf', 'rates', 'EUR')).toStrictEqual(at(300, 'three hundred'));
      });

      it('values are kept per workflow, node and key', async () => {
        const records = [
          { workflowId: 'wf', nodeId: 'rates', key: 'EUR', output: { rate: 1 }, updatedAt: 1 },
          { workflowId: 'wf', nodeId: 'rates', key: 'USD', output: { rate: 1.1 }, updatedAt: 1 },
          { workflowId: 'wf', nodeId: 'other', key: 'EUR', output: null, updatedAt: 1 },
          { workflowId: 'wf2', nodeId: 'rates', key: 'EUR', output: [false, 0, ''], updatedAt: 1 },
        ];
        await store.commit({ lastKnownGood: records });
        for (const r of records) expect(await store.getLastKnownGood(r.workflowId, r.nodeId, r.key)).toStrictEqual(r);
        expect(await store.getLastKnownGood('wf', 'rates', 'GBP')).toBeUndefined();
      });
    });

    describe('durability', () => {
      it('everything committed survives close and reopen', async (context) => {
        if (harness.reopen === undefined) {
          context.skip('this store keeps nothing across a reopen');
          return;
        }
        await store.createWorkflow('wf', workflowDefinition('Orders', 1), 1000);
        await store.updateWorkflow('wf', workflowDefinition('Orders', 2), 2000);
        await store.putIntegration(integrationRecord('crm'));
        const run = await seedRun('run_1');
        const attempt = finishedAttemptRecord(openAttemptRecord('run_1', 'fetch', 1, 100), 'succeeded', 200);
        const node = fullNodeRecord('run_1', 'fetch');
        const lkg = { workflowId: 'wf', nodeId: 'fetch', key: '', output: { ok: true }, updatedAt: 200 };
        const timer = { runId: 'run_1', nodeId: 'shape', kind: 'delay' as const, dueAt: 5000 };
        await store.commit({ nodes: [node], attempts: [attempt], timersSet: [timer], lastKnownGood: [lkg] });
        await store.claimIdempotencyKey({ scope: 'wf', key: 'k', runId: 'run_1', response: null, createdAt: 1 });
        await store.close();

        const reopened = await harness.reopen();
        expect((await reopened.getWorkflow('wf'))?.definition).toStrictEqual(workflowDefinition('Orders', 2));
        expect((await reopened.getWorkflowVersion('wf', 1))?.definition).toStrictEqual(workflowDefinition('Orders', 1));
        expect(await reopened.getIntegration('crm')).toStrictEqual(integrationRecord('crm'));
        expect(await reopened.getRun('run_1')).toStrictEqual(run);
        expect((await reopened.listNodeRuns('run_1')).find((n) => n.nodeId === 'fetch')).toStrictEqual(node);
        expect(await reopened.listAttempts('run_1')).toStrictEqual([attempt]);
        expect(await reopened.listTimers()).toStrictEqual([timer]);
        expect(await reopened.getLastKnownGood('wf', 'fetch', '')).toStrictEqual(lkg);
        expect(await reopened.listUnfinishedRunIds()).toStrictEqual(['run_1']);
        expect(await reopened.claimIdempotencyKey({ scope: 'wf', key: 'k', runId: 'run_2', response: null, createdAt: 2 })).toMatchObject({
          claimed: false,
        });
      });

      it('close commits the writes already issued before it', async (context) => {
        if (harness.reopen === undefined) {
          context.skip('this store keeps nothing across a reopen');
          return;
        }
        const run = runRecord('run_1');
        const writes = [
          store.createRun(run, [pendingNodeRecord('run_1', 'fetch')]),
          store.commit({ attempts: [openAttemptRecord('run_1', 'fetch', 1, 100)] }),
        ];
        await store.close();
        await Promise.all(writes);

        const reopened = await harness.reopen();
        expect(await reopened.getRun('run_1')).toStrictEqual(run);
        expect(await reopened.listAttempts('run_1')).toStrictEqual([openAttemptRecord('run_1', 'fetch', 1, 100)]);
      });
    });
  });
}
