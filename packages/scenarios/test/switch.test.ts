import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { createWorld, loadExample, nodesOf, registerIntegrations, runToEnd, storeWorkflow, webhookTrigger } from './harness.js';
import type { World } from './harness.js';

// `switch` end to end: a real SQLite file, the real node types, a scripted upstream on 127.0.0.1.

const ok = { status: 200, json: { ok: true } };

function routeTickets(mode: 'first' | 'all'): Workflow {
  const workflow = loadExample('route-tickets');
  const route = workflow.nodes.find((n) => n.id === 'route')!;
  route.params = { ...route.params, mode };
  return workflow;
}

describe('switch (examples/route-tickets.json)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['teams']);
    for (const path of ['/teams/billing', '/teams/bugs', '/teams/triage', '/teams/pager-backup']) world.upstream.script('POST', path, [ok]);
  });
  afterEach(() => world.close());

  async function route(mode: 'first' | 'all', body: Record<string, string>) {
    await storeWorkflow(world, 'tickets', routeTickets(mode));
    const run = await world.engine.startRun({ workflowId: 'tickets', trigger: webhookTrigger(body, 'tickets') });
    return { run: await runToEnd(world, run.id), nodes: await nodesOf(world, run.id) };
  }

  it('mode first: only the first matching case runs, the other matching one is skipped', async () => {
    world.upstream.script('POST', '/teams/pager', [ok]);
    const { run, nodes } = await route('first', { id: 't-1', type: 'billing', priority: 'high' });
    expect(run.status).toBe('succeeded');
    expect(nodes.route).toMatchObject({ status: 'succeeded', handle: 'case:billing', handles: null, output: { body: { id: 't-1' } } });
    expect(nodes.billing?.status).toBe('succeeded');
    expect([nodes.bugs?.status, nodes.pager?.status, nodes.triage?.status]).toEqual(['skipped', 'skipped', 'skipped']);
    expect(world.upstream.countFor('POST', '/teams/billing')).toBe(1);
    expect(world.upstream.countFor('POST', '/teams/pager')).toBe(0);
  });

  it('mode all: every matching case runs; the handles survive in the store', async () => {
    world.upstream.script('POST', '/teams/pager', [ok]);
    const { run, nodes } = await route('all', { id: 't-2', type: 'billing', priority: 'high' });
    expect(run.status).toBe('succeeded');
    expect(nodes.route).toMatchObject({ handle: 'case:billing', handles: ['case:billing', 'case:urgent'] });
    expect([nodes.billing?.status, nodes.pager?.status]).toEqual(['succeeded', 'succeeded']);
    expect([nodes.bugs?.status, nodes.triage?.status]).toEqual(['skipped', 'skipped']);
    expect(world.upstream.countFor('POST', '/teams/pager')).toBe(1);
  });

  it('no case matches: default runs and every case is skipped', async () => {
    const { run, nodes } = await route('all', { id: 't-3', type: 'question' });
    expect(run.status).toBe('succeeded');
    expect(nodes.route).toMatchObject({ handle: 'default', handles: null });
    expect(nodes.triage?.status).toBe('succeeded');
    expect([nodes.billing?.status, nodes.bugs?.status, nodes.pager?.status]).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('a case branch keeps its own retry and fallback edges', async () => {
    world.upstream.script('POST', '/teams/pager', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    const { run, nodes } = await route('all', { id: 't-4', type: 'bug', priority: 'high' });
    expect(run.status).toBe('succeeded');
    expect(world.upstream.countFor('POST', '/teams/pager')).toBe(3);
    expect(nodes.pager).toMatchObject({ status: 'succeeded', source: 'fallback:pager_backup' });
    expect(nodes.bugs?.status).toBe('succeeded');
    expect(world.upstream.countFor('POST', '/teams/pager-backup')).toBe(1);
  });

  it('a condition that is not a boolean fails the switch with invalid_request, naming the case', async () => {
    const workflow = routeTickets('first');
    const route = workflow.nodes.find((n) => n.id === 'route')!;
    route.params = { cases: [{ name: 'billing', condition: '{{ $trigger.body.type }}' }] };
    workflow.edges = workflow.edges.filter((e) => e.kind !== 'next' || e.source !== 'route' || e.handle === 'case:billing' || e.handle === 'default');
    await storeWorkflow(world, 'tickets', workflow);
    const started = await world.engine.startRun({ workflowId: 'tickets', trigger: webhookTrigger({ id: 't-5', type: 'billing' }, 'tickets') });
    expect((await runToEnd(world, started.id)).status).toBe('failed');
    const nodes = await nodesOf(world, started.id);
    expect(nodes.route?.error).toMatchObject({ category: 'invalid_request', message: expect.stringContaining('cases[0].condition: must evaluate to a boolean') });
  });
});
