import { describe, expect, it } from 'vitest';
import type { NextEdge, WorkflowEdge } from '@switchyard/schema';
import { edgeState } from '../src/decide/flow.js';
import type { EdgeState } from '../src/decide/flow.js';
import { newNodeRun } from '../src/decide/state.js';
import type { NodeRunRecord, NodeStatus } from '../src/records.js';
import { RulesHarness, call, next } from './rules-harness.js';

// semantics.md "Flow": which `next` edges a node's outcome makes live, decided without a store.

const edge = (handle?: string): NextEdge =>
  (handle === undefined ? { id: 'e', kind: 'next', source: 's', target: 't' } : { id: 'e', kind: 'next', source: 's', target: 't', handle }) as NextEdge;

function source(status: NodeStatus, handle: string | null = null, handles: string[] | null = null): NodeRunRecord {
  return { ...newNodeRun('run', 's'), status, handle, handles };
}

describe('edgeState', () => {
  const rows: Array<{ status: NodeStatus; handle?: string | null; handles?: string[] | null; edgeHandle?: string; expected: EdgeState }> = [
    { status: 'succeeded', expected: 'live' },
    { status: 'succeeded', handle: 'true', edgeHandle: 'true', expected: 'live' },
    { status: 'succeeded', handle: 'true', edgeHandle: 'false', expected: 'dead' },
    { status: 'succeeded', handle: 'case:a', handles: ['case:a', 'case:c'], edgeHandle: 'case:a', expected: 'live' },
    { status: 'succeeded', handle: 'case:a', handles: ['case:a', 'case:c'], edgeHandle: 'case:c', expected: 'live' },
    { status: 'succeeded', handle: 'case:a', handles: ['case:a', 'case:c'], edgeHandle: 'case:b', expected: 'dead' },
    { status: 'succeeded', handle: 'case:a', handles: ['case:a', 'case:c'], edgeHandle: 'default', expected: 'dead' },
    { status: 'compensated', handle: 'case:a', handles: ['case:a', 'case:c'], edgeHandle: 'case:c', expected: 'live' },
    { status: 'failed', handles: null, edgeHandle: 'case:a', expected: 'dead' },
    { status: 'failed', expected: 'live' },
    { status: 'skipped', edgeHandle: 'case:a', expected: 'dead' },
    { status: 'running', edgeHandle: 'case:a', expected: 'unresolved' },
  ];
  it.each(rows)('$status with $handle/$handles, edge $edgeHandle: $expected', ({ status, handle, handles, edgeHandle, expected }) => {
    expect(edgeState(edge(edgeHandle), source(status, handle ?? null, handles ?? null))).toBe(expected);
  });
});

describe('a node that chose several outputs', () => {
  const caseEdge = (target: string, handle: string): WorkflowEdge => ({ ...next('sw', target), handle }) as WorkflowEdge;
  const build = () =>
    new RulesHarness(
      [call('sw'), call('a'), call('b'), call('c'), call('d')],
      [next('start', 'sw'), caseEdge('a', 'case:a'), caseEdge('b', 'case:b'), caseEdge('c', 'case:c'), caseEdge('d', 'default')],
    );

  function runForward(h: RulesHarness): void {
    for (let i = 0; i < 20 && h.next().length > 0; i += 1);
  }

  it('records every chosen output, and starts each of their targets; the others are skipped', () => {
    const h = build();
    const attempt = h.inFlight('sw');
    h.decide({ type: 'attempt_finished', nodeId: 'sw', attempt, result: { ok: true, output: { n: 1 }, handles: ['case:a', 'case:c'] } });
    expect(h.node('sw')).toMatchObject({ status: 'succeeded', handle: 'case:a', handles: ['case:a', 'case:c'] });
    runForward(h);
    expect(h.node('b').status).toBe('skipped');
    expect(h.node('d').status).toBe('skipped');
    expect(h.node('a').status).not.toMatch(/pending|skipped/);
    expect(h.node('c').status).not.toMatch(/pending|skipped/);
  });

  it('one chosen output is recorded as the handle alone, as a branch records it', () => {
    const h = build();
    const attempt = h.inFlight('sw');
    h.decide({ type: 'attempt_finished', nodeId: 'sw', attempt, result: { ok: true, output: null, handles: ['default'] } });
    expect(h.node('sw')).toMatchObject({ handle: 'default', handles: null });
    runForward(h);
    expect(h.statuses()).toMatchObject({ a: 'skipped', b: 'skipped', c: 'skipped' });
    expect(h.node('d').status).not.toMatch(/pending|skipped/);
  });

  it('a node that chose no output skips every handled edge', () => {
    const h = build();
    const attempt = h.inFlight('sw');
    h.decide({ type: 'attempt_finished', nodeId: 'sw', attempt, result: { ok: true, output: null, handles: [] } });
    expect(h.node('sw')).toMatchObject({ handle: null, handles: null });
    runForward(h);
    expect(h.statuses()).toMatchObject({ a: 'skipped', b: 'skipped', c: 'skipped', d: 'skipped' });
  });
});

describe('readiness of a join', () => {
  // `j` joins a and b; `first` is the node type's declared join mode.
  const build = (joinsOnFirst: boolean) => new RulesHarness([call('a'), call('b'), call('j')], [next('start', 'a'), next('start', 'b'), next('a', 'j'), next('b', 'j')], joinsOnFirst ? { joinsOnFirst: ['j'] } : {});
  const rows: Array<{ a: NodeStatus; b: NodeStatus; first: boolean; expected: 'ready' | 'skip' | 'wait' }> = [
    { a: 'succeeded', b: 'running', first: false, expected: 'wait' },
    { a: 'succeeded', b: 'running', first: true, expected: 'ready' },
    { a: 'running', b: 'succeeded', first: true, expected: 'ready' },
    { a: 'running', b: 'retrying', first: true, expected: 'wait' },
    { a: 'skipped', b: 'running', first: true, expected: 'wait' },
    { a: 'skipped', b: 'skipped', first: true, expected: 'skip' },
    { a: 'skipped', b: 'succeeded', first: false, expected: 'ready' },
    { a: 'succeeded', b: 'succeeded', first: false, expected: 'ready' },
  ];
  it.each(rows)('a $a, b $b, joins on first: $first → $expected', ({ a, b, first, expected }) => {
    const h = build(first);
    h.set('a', { status: a, output: a === 'succeeded' ? { from: 'a' } : null });
    h.set('b', { status: b, output: b === 'succeeded' ? { from: 'b' } : null });
    h.next();
    const j = h.node('j').status;
    expect(expected === 'wait' ? j === 'pending' : expected === 'skip' ? j === 'skipped' : j !== 'pending' && j !== 'skipped').toBe(true);
  });

  it('a join on the first gets the live inputs so far as its input', () => {
    const h = build(true);
    h.set('a', { status: 'running' });
    h.set('b', { status: 'succeeded', output: { from: 'b' } });
    h.next();
    expect(h.node('j').input).toEqual({ b: { from: 'b' } });
  });
});
