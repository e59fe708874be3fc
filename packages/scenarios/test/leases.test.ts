import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '@switchyard/engine';
import type { Engine } from '@switchyard/engine';
import { createNodeRegistry } from '@switchyard/nodes';
import type { Workflow } from '@switchyard/schema';
import { SeededRandom } from '@switchyard/testkit';
import { attemptsOf, createWorld, registerIntegrations } from './harness.js';
import type { World } from './harness.js';

// semantics.md: a worker drives a run only while it holds the run's lease. When another worker
// takes the run over, the first one's steps are refused whole and it lets the run go.

const workflow: Workflow = {
  schemaVersion: 1,
  name: 'leased',
  nodes: [
    { id: 't', type: 'trigger.manual' },
    { id: 'call', type: 'http.request', integration: 'svc', params: { method: 'POST', url: "{{ $integration.baseUrl & '/call' }}" } },
  ],
  edges: [
    { id: 'e1', kind: 'next', source: 't', target: 'call' },
    { id: 'r1', kind: 'retry', source: 'call', target: 'call', retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 1_000, jitter: 'none' } },
  ],
};

describe('run leases', () => {
  let world: World;
  let second: Engine | undefined;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['svc']);
    await world.store.createWorkflow('wf', workflow, world.clock.now());
  });
  afterEach(async () => {
    await second?.stop();
    await world.close();
  });

  it('a run taken over by another worker is driven by it alone: the first worker\'s next step is refused and it lets the run go', async () => {
    world.upstream.script('POST', '/svc/call', [{ status: 503 }, { status: 200, json: { ok: true } }]);
    const { id } = await world.engine.startRun({ workflowId: 'wf', trigger: { kind: 'manual', body: {} } });
    await world.engine.idle();
    expect((await world.store.getRun(id))?.status).toBe('waiting');

    // A second worker on the same store takes every unfinished run, this one included.
    second = createEngine({ store: world.store, clock: world.clock, random: new SeededRandom(7), nodes: createNodeRegistry({ allowedHosts: ['127.0.0.1'] }), workerId: 'worker-b' });
    await second.start();
    expect(second.activeRuns).toBe(1);

    // Both workers' retry timers fire; only the lease holder's step is written and its call sent.
    world.clock.advance(1_000);
    await world.engine.idle();
    await second.idle();
    const run = await second.waitForRun(id);
    expect(run.status).toBe('succeeded');
    expect(world.engine.activeRuns).toBe(0);
    expect(world.upstream.countFor('POST', '/svc/call')).toBe(2);
    expect((await attemptsOf(world, id, 'call')).map((a) => a.outcome)).toStrictEqual(['failed', 'succeeded']);
  });
});
