import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { eventually } from '@switchyard/testkit';
import { attemptsOf, createWorld, nodesOf, registerIntegrations, runToEnd } from './harness.js';
import type { World } from './harness.js';

const manual = { kind: 'manual' as const, body: { id: 7 } };

function linear(nodes: Workflow['nodes'], extraEdges: Workflow['edges'] = []): Workflow {
  const all: Workflow['nodes'] = [{ id: 't', type: 'trigger.manual' }, ...nodes];
  const edges: Workflow['edges'] = [];
  for (let i = 1; i < all.length; i++) {
    const node = all[i]!;
    if (node.id.endsWith('_undo') || node.id.endsWith('_fb')) continue;
    const prev = [...all.slice(0, i)].reverse().find((n) => !n.id.endsWith('_undo') && !n.id.endsWith('_fb'))!;
    edges.push({ id: `e${i}`, kind: 'next', source: prev.id, target: node.id });
  }
  return { schemaVersion: 1, name: 'test', nodes: all, edges: [...edges, ...extraEdges] };
}

const call = (id: string, extra: Partial<Workflow['nodes'][number]> = {}): Workflow['nodes'][number] => ({
  id,
  type: 'http.request',
  integration: 'svc',
  params: { method: 'POST', url: `{{ $integration.baseUrl & '/${id}' }}`, body: { from: '{{ $trigger.body.id }}' } },
  ...extra,
});

describe('engine behaviour over real nodes and SQLite', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['svc']);
  });
  afterEach(() => world.close());

  async function run(workflow: Workflow, id = 'wf'): Promise<string> {
    await world.store.createWorkflow(id, workflow, world.clock.now());
    return (await world.engine.startRun({ workflowId: id, trigger: manual })).id;
  }

  it('idle() can be given up on: a signal ends the wait while a call is still in flight', async () => {
    world.upstream.script('POST', '/svc/slow', [{ hang: true }]);
    await run(linear([call('slow', { policy: { timeoutMs: 60_000 } })]));
    // Given up on once the call is in flight: the wait ends although the call never answers
    // (a hang would fail the test at its timeout).
    await eventually(() => (world.upstream.countFor('POST', '/svc/slow') > 0 ? true : undefined), { what: 'the call to reach the upstream' });
    const giveUp = new AbortController();
    const waiting = world.engine.idle({ signal: giveUp.signal });
    giveUp.abort();
    await waiting;
    expect(world.engine.activeRuns).toBe(1);
  });

  it('fails a node whose expression throws with invalid_request, not the engine', async () => {
    const runId = await run(linear([{ id: 'x', type: 'transform', params: { expression: '{{ $error("boom") }}' } }]));
    expect((await runToEnd(world, runId)).status).toBe('failed');
    const nodes = await nodesOf(world, runId);
    expect(nodes.x?.error).toMatchObject({ category: 'invalid_request' });
    expect(nodes.x?.error?.message).toContain('boom');
  });

  it('fails a node whose expression runs away with invalid_request, and the engine goes on', async () => {
    const runId = await run(linear([{ id: 'x', type: 'transform', params: { expression: '{{ ($f := function($n){ $f($n + 1) }; $f(1)) }}' } }]));
    expect((await runToEnd(world, runId)).status).toBe('failed');
    expect((await nodesOf(world, runId)).x?.error?.category).toBe('invalid_request');
    const second = await run(linear([{ id: 'y', type: 'transform', params: { expression: '{{ $trigger.body.id * 2 }}' } }]), 'wf2');
    expect((await runToEnd(world, second)).status).toBe('succeeded');
    expect((await nodesOf(world, second)).y?.output).toBe(14);
  });

  it('fails a node that names an unregistered integration with invalid_request naming it', async () => {
    const runId = await run(linear([call('x', { integration: 'nowhere' })]));
    expect((await runToEnd(world, runId)).status).toBe('failed');
    expect((await nodesOf(world, runId)).x?.error).toMatchObject({ category: 'invalid_request', message: "integration 'nowhere' is not registered" });
  });

  it('does not retry auth failures, and records the attempt', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 401, json: { error: 'bad token' } }]);
    const runId = await run(linear([call('x')], [{ id: 'r', kind: 'retry', source: 'x', target: 'x', retry: { maxAttempts: 5 } }]));
    expect((await runToEnd(world, runId)).status).toBe('failed');
    const attempts = await attemptsOf(world, runId, 'x');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'failed', error: { category: 'auth', httpStatus: 401 }, response: { status: 401 } });
  });

  it('waits for Retry-After before retrying a rate-limited call, and gives up when it exceeds maxRetryAfterMs', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 429, headers: { 'retry-after': '7' } }, { status: 200, json: {} }]);
    const runId = await run(linear([call('x')], [{ id: 'r', kind: 'retry', source: 'x', target: 'x', retry: { maxAttempts: 3, initialDelayMs: 10, jitter: 'none' } }]));
    expect((await runToEnd(world, runId)).status).toBe('succeeded');
    const attempts = await attemptsOf(world, runId, 'x');
    expect(attempts.map((a) => a.delayBeforeMs)).toEqual([0, 7000]);
    expect(attempts[0]?.error).toMatchObject({ category: 'rate_limited', retryAfterMs: 7000 });

    world.upstream.script('POST', '/svc/y', [{ status: 503, headers: { 'retry-after': '600' } }, { status: 200, json: {} }]);
    const second = await run(linear([call('y')], [{ id: 'r', kind: 'retry', source: 'y', target: 'y', retry: { maxAttempts: 3, maxRetryAfterMs: 60000 } }]), 'wf2');
    expect((await runToEnd(world, second)).status).toBe('failed');
    expect(await attemptsOf(world, second, 'y')).toHaveLength(1);
  });

  it('fails on a malformed JSON answer with invalid_response, which is not retried by default', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 200, malformed: true }]);
    const runId = await run(linear([call('x')], [{ id: 'r', kind: 'retry', source: 'x', target: 'x', retry: { maxAttempts: 3 } }]));
    expect((await runToEnd(world, runId)).status).toBe('failed');
    const attempts = await attemptsOf(world, runId, 'x');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.error?.category).toBe('invalid_response');
  });

  it('times out an attempt that hangs and retries it', async () => {
    world.upstream.script('POST', '/svc/x', [{ hang: true }, { status: 200, json: { ok: 1 } }]);
    const runId = await run(
      linear([call('x', { policy: { timeoutMs: 150 } })], [{ id: 'r', kind: 'retry', source: 'x', target: 'x', retry: { maxAttempts: 2, initialDelayMs: 5 } }]),
    );
    expect((await runToEnd(world, runId)).status).toBe('succeeded');
    const attempts = await attemptsOf(world, runId, 'x');
    expect(attempts.map((a) => a.error?.category ?? 'ok')).toEqual(['timeout', 'ok']);
  });

  it('sleeps a delay node on a durable timer and passes its input on', async () => {
    const runId = await run(
      linear([
        { id: 'd', type: 'delay', params: { ms: 60000 } },
        { id: 'x', type: 'transform', params: { expression: '{{ $input }}' } },
      ]),
    );
    await world.engine.idle();
    expect((await world.store.getRun(runId))?.status).toBe('waiting');
    expect(await world.store.listTimers()).toEqual([expect.objectContaining({ runId, nodeId: 'd', kind: 'delay', dueAt: world.clock.now() + 60000 })]);
    expect((await runToEnd(world, runId)).status).toBe('succeeded');
    expect((await nodesOf(world, runId)).x?.output).toEqual({ kind: 'manual', body: { id: 7 } });
    expect(await world.store.listTimers()).toEqual([]);
  });

  it('cancels a waiting run: retrying nodes end cancelled, nothing is compensated unless asked', async () => {
    world.upstream.script('POST', '/svc/a', [{ status: 200, json: { id: 'a1' } }]);
    world.upstream.script('POST', '/svc/b', [{ status: 503 }]);
    world.upstream.script('POST', '/svc/a_undo', [{ status: 200, json: {} }]);
    const wf = linear(
      [call('a'), call('a_undo'), call('b')],
      [
        { id: 'c', kind: 'compensate', source: 'a', target: 'a_undo' },
        { id: 'r', kind: 'retry', source: 'b', target: 'b', retry: { maxAttempts: 5, initialDelayMs: 60000 } },
      ],
    );
    const first = await run(wf);
    await world.engine.idle();
    await world.engine.cancelRun(first);
    expect((await runToEnd(world, first)).status).toBe('cancelled');
    let nodes = await nodesOf(world, first);
    expect(nodes.b?.status).toBe('cancelled');
    expect(nodes.a?.status).toBe('succeeded');
    expect(world.upstream.countFor('POST', '/svc/a_undo')).toBe(0);
    await expect(world.engine.cancelRun(first)).rejects.toMatchObject({ code: 'conflict' });

    const second = (await world.engine.startRun({ workflowId: 'wf', trigger: manual })).id;
    await world.engine.idle();
    await world.engine.cancelRun(second, { compensate: true });
    expect((await runToEnd(world, second)).status).toBe('cancelled');
    nodes = await nodesOf(world, second);
    expect(nodes.a?.status).toBe('compensated');
    expect(world.upstream.countFor('POST', '/svc/a_undo')).toBe(1);
  });

  it('cancel without compensation, during compensation, abandons it: the undo in flight is not sent again', async () => {
    world.upstream.script('POST', '/svc/a', [{ status: 200, json: { id: 'a1' } }]);
    world.upstream.script('POST', '/svc/b', [{ status: 400, json: { error: 'refused' } }]);
    world.upstream.script('POST', '/svc/a_undo', [{ hang: true }]);
    const wf = linear(
      [call('a'), call('a_undo', { policy: { timeoutMs: 600_000 } }), call('b')],
      [{ id: 'c', kind: 'compensate', source: 'a', target: 'a_undo' }],
    );
    const runId = await run(wf);
    // b fails for good; compensation starts and the undo of a hangs at the upstream.
    await eventually(() => (world.upstream.countFor('POST', '/svc/a_undo') === 1 ? true : undefined), { what: 'the undo of a to be sent' });
    await world.engine.cancelRun(runId, { compensate: false });
    const ended = await runToEnd(world, runId);
    expect(ended.status).toBe('cancelled');
    await world.engine.idle();
    expect(world.upstream.countFor('POST', '/svc/a_undo')).toBe(1);
    const attempts = await attemptsOf(world, runId, 'a_undo');
    expect(attempts.map((a) => a.outcome)).toEqual(['cancelled']);
    expect(world.clock.nextTimerAt()).toBeUndefined();
  });

  it('runs independent ready nodes concurrently and joins them', async () => {
    // Each call is answered only once both have arrived: run one after the other, the first
    // would wait for the second forever (until its timeout fails the run).
    let arrived = 0;
    let bothArrived!: () => void;
    const barrier = new Promise<void>((resolve) => (bothArrived = resolve));
    for (const path of ['/svc/a', '/svc/b']) {
      world.upstream.script('POST', path, () => {
        if (++arrived === 2) bothArrived();
        return { status: 200, json: {}, after: barrier };
      });
    }
    const wf: Workflow = {
      schemaVersion: 1,
      name: 'fan out',
      nodes: [{ id: 't', type: 'trigger.manual' }, call('a'), call('b'), { id: 'j', type: 'transform', params: { expression: '{{ $keys($input) }}' } }],
      edges: [
        { id: 'e1', kind: 'next', source: 't', target: 'a' },
        { id: 'e2', kind: 'next', source: 't', target: 'b' },
        { id: 'e3', kind: 'next', source: 'a', target: 'j' },
        { id: 'e4', kind: 'next', source: 'b', target: 'j' },
      ],
    };
    const runId = await run(wf);
    expect((await runToEnd(world, runId)).status).toBe('succeeded');
    expect(arrived).toBe(2);
    expect(((await nodesOf(world, runId)).j?.output as string[]).sort()).toEqual(['a', 'b']);
  });

  it('aborts an attempt in flight when the run is cancelled and records it cancelled', async () => {
    world.upstream.script('POST', '/svc/x', [{ hang: true }]);
    const runId = await run(linear([call('x', { policy: { timeoutMs: 10000 } })]));
    await eventually(() => (world.upstream.countFor('POST', '/svc/x') > 0 ? true : undefined), { what: 'the call to reach the upstream' });
    await world.engine.cancelRun(runId);
    expect((await runToEnd(world, runId)).status).toBe('cancelled');
    const attempts = await attemptsOf(world, runId, 'x');
    expect(attempts.map((a) => [a.outcome, a.error?.category])).toEqual([['cancelled', 'cancelled']]);
    expect((await nodesOf(world, runId)).x?.status).toBe('cancelled');
  });

  it('starts a run under a chosen id, refuses that id twice, and otherwise gives time-ordered ids', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 200, json: {} }]);
    await world.store.createWorkflow('wf', linear([call('x')]), world.clock.now());
    const chosen = '0190a0b4-0000-7000-8000-000000000001';
    const started = await world.engine.startRun({ workflowId: 'wf', trigger: manual, runId: chosen });
    expect(started.id).toBe(chosen);
    await expect(world.engine.startRun({ workflowId: 'wf', trigger: manual, runId: chosen })).rejects.toThrow(/already|exists|conflict/i);
    expect((await runToEnd(world, chosen)).status).toBe('succeeded');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await world.engine.startRun({ workflowId: 'wf', trigger: manual })).id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('replays a run with the same trigger data as a new run', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 200, json: {} }]);
    const first = await run(linear([call('x')]));
    await runToEnd(world, first);
    const replay = await world.engine.replayRun(first);
    expect(replay.id).not.toBe(first);
    expect(replay.trigger).toEqual(manual);
    expect((await runToEnd(world, replay.id)).status).toBe('succeeded');
    expect(world.upstream.keysFor('POST', '/svc/x')).toEqual([`${first}:x:1`, `${replay.id}:x:1`]);
  });

  it('resumes a failed run on a newer version that fixes the failing node', async () => {
    world.upstream.script('POST', '/svc/a', [{ status: 200, json: {} }]);
    world.upstream.script('POST', '/svc/fixed', [{ status: 200, json: { fixed: true } }]);
    const broken = linear([call('a'), { id: 'b', type: 'fail', params: { category: 'invalid_request', message: 'not configured' } }]);
    const runId = await run(broken);
    expect((await runToEnd(world, runId)).status).toBe('failed');
    const fixed = linear([call('a'), { id: 'b', type: 'http.request', integration: 'svc', params: { method: 'POST', url: "{{ $integration.baseUrl & '/fixed' }}" } }]);
    await world.store.updateWorkflow('wf', fixed, world.clock.now());
    await world.engine.resumeRun(runId, { version: 2 });
    const ended = await runToEnd(world, runId);
    expect(ended).toMatchObject({ status: 'succeeded', workflowVersion: 2 });
    expect(world.upstream.countFor('POST', '/svc/a')).toBe(1);
    expect((await nodesOf(world, runId)).b?.output).toMatchObject({ body: { fixed: true } });
  });

  it('passes $failure and null $input to the successor of an optional step that failed', async () => {
    world.upstream.script('POST', '/svc/opt', [{ status: 500 }]);
    const runId = await run(
      linear([
        call('opt', { policy: { onFailure: 'continue' } }),
        { id: 'after', type: 'transform', params: { expression: "{{ { 'input': $input, 'failed': $failure.nodeId, 'category': $failure.category, 'status': $failure.httpStatus } }}" } },
      ]),
    );
    expect(await runToEnd(world, runId)).toMatchObject({ status: 'succeeded', degraded: true });
    expect((await nodesOf(world, runId)).after?.output).toEqual({ input: null, failed: 'opt', category: 'server', status: 500 });
  });

  it('emits run and node events as state is committed', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 200, json: {} }]);
    const runId = await run(linear([call('x')]));
    await runToEnd(world, runId);
    const statuses = world.events.filter((e) => e.type === 'run' && e.run.id === runId).map((e) => (e.type === 'run' ? e.run.status : ''));
    expect(statuses.at(-1)).toBe('succeeded');
    const x = world.events.filter((e) => e.type === 'node' && e.node.nodeId === 'x').map((e) => (e.type === 'node' ? e.node.status : ''));
    expect(x).toEqual(['running', 'succeeded']);
  });

  it('tells a listener of one run only that run, from its first event, until it unsubscribes', async () => {
    world.upstream.script('POST', '/svc/x', [{ status: 200, json: {} }, { status: 200, json: {} }]);
    await world.store.createWorkflow('wf', linear([call('x')]), world.clock.now());
    const chosen = '0190a0b4-0000-7000-8000-0000000000aa';
    const seen: string[] = [];
    const unsubscribe = world.engine.subscribe((e) => seen.push(e.type === 'run' ? `run:${e.run.id}:${e.run.status}` : `node:${e.runId}:${e.node.nodeId}:${e.node.status}`), { runId: chosen });
    const other = await world.engine.startRun({ workflowId: 'wf', trigger: manual });
    await world.engine.startRun({ workflowId: 'wf', trigger: manual, runId: chosen });
    await runToEnd(world, other.id);
    await runToEnd(world, chosen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((line) => line.includes(`:${chosen}:`))).toBe(true);
    expect(seen).toContain(`node:${chosen}:x:succeeded`);
    expect(seen).toContain(`run:${chosen}:succeeded`);
    const count = seen.length;
    unsubscribe();
    await world.engine.replayRun(chosen);
    await world.engine.idle();
    expect(seen).toHaveLength(count);
  });
});
