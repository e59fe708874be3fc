import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '@switchyard/engine';
import type { IntegrationRecord } from '@switchyard/engine';
import { createNodeRegistry } from '@switchyard/nodes';
import type { IntegrationProtections, Workflow } from '@switchyard/schema';
import { eventually, SeededRandom } from '@switchyard/testkit';
import { attemptsOf, createWorld, nodesOf, runToEnd } from './harness.js';
import type { World } from './harness.js';

/** semantics.md "Isolation of integrations", over real node types, a real SQLite file and a local upstream. */

const manual = { kind: 'manual' as const, body: {} };

function callFlow(integration: string, options: { retries?: number; fallbackTo?: string; defer?: { maxWaitMs: number; checkEveryMs?: number } } = {}): Workflow {
  const nodes: Workflow['nodes'] = [
    { id: 't', type: 'trigger.manual' },
    {
      id: 'call',
      type: 'http.request',
      integration,
      params: { method: 'POST', url: "{{ $integration.baseUrl & '/call' }}", body: {} },
      ...(options.defer ? { policy: { defer: options.defer } } : {}),
    },
  ];
  const edges: Workflow['edges'] = [{ id: 'e1', kind: 'next', source: 't', target: 'call' }];
  if (options.retries !== undefined) edges.push({ id: 'r', kind: 'retry', source: 'call', target: 'call', retry: { maxAttempts: options.retries, initialDelayMs: 10, jitter: 'none' } });
  if (options.fallbackTo !== undefined) {
    nodes.push({ id: 'backup', type: 'http.request', integration: options.fallbackTo, params: { method: 'POST', url: "{{ $integration.baseUrl & '/call' }}", body: {} } });
    edges.push({ id: 'f', kind: 'fallback', source: 'call', target: 'backup' });
  }
  return { schemaVersion: 1, name: 'isolation', nodes, edges };
}

describe('integration protections', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  async function register(id: string, protections?: IntegrationProtections, baseUrl = `${world.upstream.url}/${id}`): Promise<IntegrationRecord> {
    const now = world.clock.now();
    const record: IntegrationRecord = { id, name: id, baseUrl, timeoutMs: null, credential: null, ...(protections ? { protections } : {}), createdAt: now, updatedAt: now };
    await world.store.putIntegration(record);
    return record;
  }

  async function runOnce(workflowId: string): Promise<string> {
    const run = await world.engine.startRun({ workflowId, trigger: manual });
    await runToEnd(world, run.id);
    return run.id;
  }

  it('opens the breaker for every workflow; refused calls send nothing and the fallback stands in', async () => {
    await register('pay', { breaker: { consecutiveFailures: 3, coolDownMs: 30_000 } });
    await register('backup_pay');
    world.upstream.script('POST', '/pay/call', [{ status: 503 }]);
    world.upstream.script('POST', '/backup_pay/call', [{ json: { by: 'backup' } }]);
    await world.store.createWorkflow('plain', callFlow('pay'), world.clock.now());
    await world.store.createWorkflow('guarded', callFlow('pay', { fallbackTo: 'backup_pay' }), world.clock.now());

    for (let i = 0; i < 3; i++) await runOnce('plain');
    expect(world.upstream.countFor('POST', '/pay/call')).toBe(3);

    const runId = await runOnce('guarded');
    expect(world.upstream.countFor('POST', '/pay/call')).toBe(3);
    const nodes = await nodesOf(world, runId);
    expect(nodes.call).toMatchObject({ status: 'succeeded', source: 'fallback:backup', output: expect.objectContaining({ body: { by: 'backup' } }) });
    const [refused] = await attemptsOf(world, runId, 'call');
    expect(refused).toMatchObject({ outcome: 'failed', request: null, error: { category: 'circuit_open' } });
    expect(world.engine.integrationStatus('pay')?.breaker.state).toBe('open');
    expect(world.engine.integrationStatus('backup_pay')?.breaker.state).toBe('closed');
  });

  it('keeps an open breaker across a restart; after the cool-down one probe goes out and its success closes it', async () => {
    await register('crm', { breaker: { consecutiveFailures: 2, coolDownMs: 60_000 } });
    world.upstream.script('POST', '/crm/call', [{ status: 502 }, { status: 502 }, { json: { ok: true } }]);
    await world.store.createWorkflow('wf', callFlow('crm'), world.clock.now());
    await runOnce('wf');
    await runOnce('wf');
    const openedAt = world.clock.now();

    // A new engine over the same SQLite file: the breaker is still open.
    await world.engine.stop();
    world.engine = createEngine({ store: world.store, clock: world.clock, random: new SeededRandom(1), nodes: createNodeRegistry({ allowedHosts: ['127.0.0.1'] }) });
    await world.engine.start();
    const whileOpen = await runOnce('wf');
    expect((await attemptsOf(world, whileOpen, 'call'))[0]?.error?.category).toBe('circuit_open');
    expect(world.upstream.countFor('POST', '/crm/call')).toBe(2);

    world.clock.advanceTo(openedAt + 60_000);
    const probe = await runOnce('wf');
    expect((await nodesOf(world, probe)).call?.status).toBe('succeeded');
    expect(world.upstream.countFor('POST', '/crm/call')).toBe(3);
    expect(world.engine.integrationStatus('crm')?.breaker.state).toBe('closed');
    const history = await world.store.listBreakerTransitions('crm', 0, 10);
    expect(history.map((t) => `${t.from}>${t.to}`)).toEqual(['half_open>closed', 'open>half_open', 'closed>open']);
    await world.engine.stop();
  });

  it('spends the retry budget, then fails without retrying: a failing integration does not get a retry storm', async () => {
    await register('mail', { breaker: { enabled: false }, retryBudget: { ratio: 0, minPerMinute: 2 } });
    world.upstream.script('POST', '/mail/call', [{ status: 500 }]);
    await world.store.createWorkflow('wf', callFlow('mail', { retries: 3 }), world.clock.now());
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push(await runOnce('wf'));
    // Three first attempts and the two retries the budget allows, not 3 x 3 calls.
    expect(world.upstream.countFor('POST', '/mail/call')).toBe(5);
    const last = await nodesOf(world, runs[2]!);
    expect(last.call?.error?.message).toContain("not retried: the retry budget of integration 'mail' is spent");
  });

  it('never has more calls in flight than the bulkhead allows; the rest wait their turn', async () => {
    let active = 0;
    let most = 0;
    let served = 0;
    const slow = createServer((req, res) => {
      active += 1;
      most = Math.max(most, active);
      req.resume();
      // A slow upstream: calls overlap for a while, so a bulkhead that let two through would be seen (not a timing claim).
      setTimeout(() => {
        res.on('finish', () => {
          active -= 1;
        });
        served += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, 30);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = slow.address() as AddressInfo;
      await register('slow', { bulkhead: { maxConcurrent: 2, maxQueue: 10 } }, `http://127.0.0.1:${port}`);
      await world.store.createWorkflow('wf', callFlow('slow'), world.clock.now());
      const started = await Promise.all(Array.from({ length: 6 }, () => world.engine.startRun({ workflowId: 'wf', trigger: manual })));
      const ended = await Promise.all(started.map((r) => world.engine.waitForRun(r.id)));
      expect(ended.map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
      expect(served).toBe(6);
      expect(most).toBe(2);
    } finally {
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('refuses a call at once when the bulkhead queue is full, as rate_limited, and retries it later', async () => {
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => {};
    const firstArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const gate = createServer((req, res) => {
      req.resume();
      arrived();
      void held.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = gate.address() as AddressInfo;
      await register('gate', { bulkhead: { maxConcurrent: 1, maxQueue: 0 } }, `http://127.0.0.1:${port}`);
      await world.store.createWorkflow('wf', callFlow('gate', { retries: 2 }), world.clock.now());
      const first = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      await firstArrived;
      const second = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      // The first call holds the only slot (engine.idle() would wait for it): poll the store.
      const refused = await eventually(async () => {
        const [attempt] = await attemptsOf(world, second.id, 'call');
        return attempt?.outcome == null ? undefined : attempt;
      }, { what: "the second run's refused attempt" });
      expect(refused).toMatchObject({ outcome: 'failed', request: null, error: { category: 'rate_limited' } });
      expect(refused?.error?.message).toContain('its bulkhead');
      release!();
      expect((await world.engine.waitForRun(first.id)).status).toBe('succeeded');
      expect((await runToEnd(world, second.id)).status).toBe('succeeded');
    } finally {
      release?.();
      await new Promise((resolve) => gate.close(resolve));
    }
  });

  describe('defer (semantics.md step 4)', () => {
    it('parks a node while its breaker is open, survives a restart, and starts it over when probes are let through', async () => {
      await register('pay', { breaker: { consecutiveFailures: 1, coolDownMs: 10_000 } });
      world.upstream.script('POST', '/pay/call', [{ status: 503 }, { json: { paid: true } }]);
      await world.store.createWorkflow('wf', callFlow('pay', { defer: { maxWaitMs: 60_000 } }), world.clock.now());
      const t0 = world.clock.now();
      const run = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      await world.engine.idle();
      expect((await world.store.getRun(run.id))?.status).toBe('waiting');
      expect((await nodesOf(world, run.id)).call).toMatchObject({ status: 'deferred', nextAttemptAt: t0 + 10_000, deferredUntil: t0 + 60_000, error: { category: 'server' } });
      expect(await world.store.listTimers()).toEqual([{ runId: run.id, nodeId: 'call', kind: 'defer', dueAt: t0 + 10_000 }]);

      // The deferral is a stored timer: a new engine takes it back.
      await world.engine.stop();
      world.engine = createEngine({ store: world.store, clock: world.clock, random: new SeededRandom(1), nodes: createNodeRegistry({ allowedHosts: ['127.0.0.1'] }) });
      await world.engine.start();
      const ended = await runToEnd(world, run.id);
      expect(ended.status).toBe('succeeded');
      const attempts = await attemptsOf(world, run.id, 'call');
      expect(attempts.map((a) => [a.outcome, a.startedAt - t0])).toEqual([
        ['failed', 0],
        ['succeeded', 10_000],
      ]);
      expect((await nodesOf(world, run.id)).call).toMatchObject({ status: 'succeeded', source: 'self', output: expect.objectContaining({ body: { paid: true } }) });
      await world.engine.stop();
    });

    it('checks again every checkEveryMs while the breaker stays closed, and fails the node when maxWaitMs has passed', async () => {
      await register('mail', { breaker: { enabled: false } });
      world.upstream.script('POST', '/mail/call', [{ status: 500 }]);
      await world.store.createWorkflow('wf', callFlow('mail', { defer: { maxWaitMs: 25_000, checkEveryMs: 10_000 } }), world.clock.now());
      const t0 = world.clock.now();
      const run = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      const ended = await runToEnd(world, run.id);
      expect(ended.status).toBe('failed');
      expect((await attemptsOf(world, run.id, 'call')).map((a) => a.startedAt - t0)).toEqual([0, 10_000, 20_000]);
      expect((await nodesOf(world, run.id)).call).toMatchObject({ status: 'failed', deferredUntil: t0 + 25_000, error: { category: 'server' } });
      expect(ended.finishedAt! - t0).toBe(25_000);
    });

    it('does not defer failures that waiting cannot fix (a rejected request)', async () => {
      await register('crm');
      world.upstream.script('POST', '/crm/call', [{ status: 422 }]);
      await world.store.createWorkflow('wf', callFlow('crm', { defer: { maxWaitMs: 60_000 } }), world.clock.now());
      const run = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      await world.engine.idle();
      expect((await world.store.getRun(run.id))?.status).toBe('failed');
      expect((await nodesOf(world, run.id)).call).toMatchObject({ status: 'failed', deferredUntil: null, error: { category: 'invalid_request' } });
    });

    it('a cancelled run ends its deferred node cancelled', async () => {
      await register('pay', { breaker: { enabled: false } });
      world.upstream.script('POST', '/pay/call', [{ status: 503 }]);
      await world.store.createWorkflow('wf', callFlow('pay', { defer: { maxWaitMs: 60_000 } }), world.clock.now());
      const run = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
      await world.engine.idle();
      expect((await nodesOf(world, run.id)).call?.status).toBe('deferred');
      await world.engine.cancelRun(run.id);
      await world.engine.idle();
      expect((await world.store.getRun(run.id))?.status).toBe('cancelled');
      expect((await nodesOf(world, run.id)).call?.status).toBe('cancelled');
      expect(await world.store.listTimers()).toEqual([]);
    });
  });
});
