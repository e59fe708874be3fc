// A run whose step fails the same way every time (here: a node type whose output cannot be
// stored, as a buggy plugin's might be) must not be reloaded forever. It ends failed after a
// bounded number of tries, with what went wrong recorded, and it can be cancelled before that.
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeExecutor } from '@switchyard/engine';
import { transformDefinition } from '@switchyard/nodes';
import type { Workflow } from '@switchyard/schema';
import { createWorld, nodesOf, runToEnd } from './harness.js';
import type { World } from './harness.js';

/** An object nested too deep for JSON.stringify: storing it throws RangeError. */
function tooDeep(): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < 100_000; i++) value = { a: value };
  return value;
}

let executions = 0;
const unstorable: NodeExecutor = {
  definition: { ...transformDefinition, type: 'test.unstorable' },
  pure: true,
  retrySafe: () => true,
  async execute() {
    executions += 1;
    return { ok: true, output: tooDeep() as never };
  },
};

const workflow: Workflow = {
  schemaVersion: 1,
  name: 'poison',
  nodes: [
    { id: 't', type: 'trigger.manual' },
    { id: 'bad', type: 'test.unstorable', params: { expression: '{{ 1 }}' } },
    { id: 'after', type: 'transform', params: { expression: '{{ 2 }}' } },
  ],
  edges: [
    { id: 'e1', kind: 'next', source: 't', target: 'bad' },
    { id: 'e2', kind: 'next', source: 'bad', target: 'after' },
  ],
};

describe('poison runs', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  async function start(): Promise<string> {
    executions = 0;
    world = await createWorld({ extraNodes: [unstorable] });
    await world.store.createWorkflow('wf', workflow, world.clock.now());
    return (await world.engine.startRun({ workflowId: 'wf', trigger: { kind: 'manual', body: null } })).id;
  }

  it('a step that fails every time ends the run failed after a bounded number of tries, the node failed internal with the error', async () => {
    const runId = await start();
    const run = await runToEnd(world, runId);
    expect(run.status).toBe('failed');
    // Three tries, then the node is given up on: not one reload a second for ever.
    expect(executions).toBe(3);
    const nodes = await nodesOf(world, runId);
    expect(nodes.bad?.status).toBe('failed');
    expect(nodes.bad?.error?.category).toBe('internal');
    expect(nodes.bad?.error?.message).toContain('RangeError');
    expect(nodes.bad?.error?.message.length).toBeLessThanOrEqual(700);
    expect(nodes.after?.status).toBe('skipped');
    // Nothing is left armed: the engine is not still reloading it.
    await world.engine.idle();
    expect(world.clock.nextTimerAt()).toBeUndefined();
  });

  it('can be cancelled while it waits to be reloaded', async () => {
    const runId = await start();
    await world.engine.idle();
    // The first step failed; the run waits on the reload timer, no driver holds it.
    expect(executions).toBe(1);
    expect(world.clock.nextTimerAt()).toBeDefined();
    await world.engine.cancelRun(runId);
    const run = await runToEnd(world, runId);
    expect(run.status).toBe('cancelled');
    expect(executions).toBe(1);
  });
});
