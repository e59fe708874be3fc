import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { createWorld, nodesOf, registerIntegrations, runToEnd, storeWorkflow } from './harness.js';
import type { World } from './harness.js';

// `merge` end to end: a real SQLite file, the real node types, a scripted upstream on 127.0.0.1.

const manual = { kind: 'manual', body: {} } as const;

function lookup(id: string, path: string) {
  return { id, type: 'http.request', integration: 'lookups', params: { method: 'GET', url: `{{ $integration.baseUrl & '${path}' }}` } };
}

/** Two lookups (or a lookup and a slower `other`) drawn into one merge. */
function twoLookups(merge: Record<string, unknown>, other: Record<string, unknown> = lookup('billing', '/billing')): Workflow {
  return {
    schemaVersion: 1,
    name: 'merge lookups',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      lookup('crm', '/crm'),
      other,
      { id: 'join', type: 'merge', params: merge },
      { id: 'after', type: 'transform', params: { expression: '{{ $input }}' } },
    ],
    edges: [
      { id: 'e1', kind: 'next', source: 'start', target: 'crm' },
      { id: 'e2', kind: 'next', source: 'start', target: String(other.id) },
      { id: 'e3', kind: 'next', source: 'crm', target: 'join' },
      { id: 'e4', kind: 'next', source: String(other.id), target: 'join' },
      { id: 'e5', kind: 'next', source: 'join', target: 'after' },
    ],
  } as Workflow;
}

describe('merge', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['lookups']);
    world.upstream.script('GET', '/lookups/crm', [{ status: 200, json: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Lin' }] }]);
    world.upstream.script('GET', '/lookups/billing', [{ status: 200, json: [{ id: 2, plan: 'pro' }, { id: 1, plan: 'free' }] }]);
  });
  afterEach(() => world.close());

  async function run(workflow: Workflow) {
    await storeWorkflow(world, 'wf', workflow);
    const started = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
    return { run: await runToEnd(world, started.id), nodes: await nodesOf(world, started.id) };
  }

  /** The two lookups with a transform after each, so that their bodies (not whole responses) go into the merge. */
  function bodiesOf(params: Record<string, unknown>): Workflow {
    const workflow = twoLookups(params);
    workflow.nodes.push({ id: 'crm_body', type: 'transform', params: { expression: '{{ $input.body }}' } }, { id: 'billing_body', type: 'transform', params: { expression: '{{ $input.body }}' } });
    workflow.edges = workflow.edges.map((e) => (e.id === 'e3' ? { ...e, source: 'crm_body' } : e.id === 'e4' ? { ...e, source: 'billing_body' } : e));
    workflow.edges.push({ id: 'b1', kind: 'next', source: 'crm', target: 'crm_body' }, { id: 'b2', kind: 'next', source: 'billing', target: 'billing_body' });
    return workflow;
  }

  const crm = [{ id: 1, name: 'Ada' }, { id: 2, name: 'Lin' }];
  const billing = [{ id: 2, plan: 'pro' }, { id: 1, plan: 'free' }];

  it.each([
    ['all', {}, { crm_body: crm, billing_body: billing }],
    ['append', { mode: 'append' }, [...crm, ...billing]],
    ['byPosition', { mode: 'byPosition' }, [{ id: 2, name: 'Ada', plan: 'pro' }, { id: 1, name: 'Lin', plan: 'free' }]],
    ['byKey', { mode: 'byKey', key: 'id' }, [{ id: 1, name: 'Ada', plan: 'free' }, { id: 2, name: 'Lin', plan: 'pro' }]],
  ])('mode %s waits for both lookups and combines their bodies', async (_mode, params, expected) => {
    const { run: ended, nodes } = await run(bodiesOf(params));
    expect(ended.status).toBe('succeeded');
    expect(nodes.join?.output).toEqual(expected);
    expect(nodes.after?.output).toEqual(expected);
  });

  it('mode first runs at the first input; the slower branch runs on and is not in its input', async () => {
    const { run: ended, nodes } = await run(twoLookups({ mode: 'first' }, { id: 'slow', type: 'delay', params: { ms: 60_000 } }));
    expect(ended.status).toBe('succeeded');
    expect(nodes.join).toMatchObject({ status: 'succeeded', input: { crm: expect.objectContaining({ status: 200 }) } });
    expect(nodes.join?.output).toMatchObject({ status: 200, body: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Lin' }] });
    expect(nodes.slow?.status).toBe('succeeded');
    expect(nodes.join!.finishedAt!).toBeLessThan(nodes.slow!.finishedAt!);
  });

  it('a skipped input is left out; the merge runs with the live one', async () => {
    const workflow = twoLookups({ mode: 'all' });
    workflow.nodes.push({ id: 'gate', type: 'branch', params: { condition: false } });
    workflow.edges = workflow.edges.map((e) => (e.id === 'e2' ? { ...e, source: 'gate', handle: 'true' } : e));
    workflow.edges.push({ id: 'g', kind: 'next', source: 'start', target: 'gate' });
    const { run: ended, nodes } = await run(workflow);
    expect(ended.status).toBe('succeeded');
    expect(nodes.billing?.status).toBe('skipped');
    expect(Object.keys(nodes.join?.output as object)).toEqual(['crm']);
    expect(world.upstream.countFor('GET', '/lookups/billing')).toBe(0);
  });

  it('append over a non-array input fails the merge with invalid_request, naming the input', async () => {
    const { run: ended, nodes } = await run(twoLookups({ mode: 'append' }));
    expect(ended.status).toBe('failed');
    expect(nodes.join?.error).toMatchObject({ category: 'invalid_request', message: "mode \"append\" combines arrays, but the input from 'crm' is object" });
  });
});
