import { describe, expect, it } from 'vitest';
import type { WorkflowEdge } from '@switchyard/schema';
import type { Command } from '../src/decide/commands.js';
import { RulesHarness, call, next } from './rules-harness.js';

// semantics.md "Compensation" and "Cancel", decided without a store or timers.

const compensate = (source: string, target: string): WorkflowEdge => ({ id: `undo-${source}`, kind: 'compensate', source, target });
const started = (commands: readonly Command[]): string[] => commands.flatMap((c) => (c.type === 'start_attempt' ? [c.nodeId] : []));

/** reserve → charge → ship, each of the first two with an undo; `ship` is in flight. */
function saga(): RulesHarness {
  const h = new RulesHarness(
    [call('reserve'), call('charge'), call('ship'), call('release'), call('refund')],
    [next('start', 'reserve'), next('reserve', 'charge'), next('charge', 'ship'), compensate('reserve', 'release'), compensate('charge', 'refund')],
  );
  h.set('reserve', { status: 'succeeded', source: 'self', output: { id: 'r1' }, completedSeq: 2 });
  h.set('charge', { status: 'succeeded', source: 'self', output: { id: 'c1' }, completedSeq: 3 });
  h.state.run.completionSeq = 3;
  h.inFlight('ship');
  return h;
}

describe('compensation', () => {
  it('undoes what stands in reverse order of completion, one at a time, then ends compensated', () => {
    const h = saga();
    h.fail('ship', 'auth');
    expect(started(h.next())).toEqual(['refund']);
    expect(h.state.run.phase).toBe('compensating');
    expect(h.statuses()).toMatchObject({ charge: 'compensating', reserve: 'succeeded' });
    expect(h.next()).toEqual([]);

    h.succeed('refund');
    expect(h.node('charge').status).toBe('compensated');
    expect(started(h.next())).toEqual(['release']);
    h.succeed('release');
    h.next();
    expect(h.statuses()).toMatchObject({ reserve: 'compensated', charge: 'compensated', ship: 'failed' });
    expect(h.state.run).toMatchObject({ status: 'compensated', phase: 'ended' });
  });

  it('an undo sees the output of the node it undoes as its input', () => {
    const h = saga();
    h.fail('ship', 'auth');
    const [start] = h.next();
    expect(start).toMatchObject({ type: 'start_attempt', nodeId: 'refund' });
    expect(h.node('refund').input).toEqual({ id: 'c1' });
  });

  it('an undo that gives up leaves its node compensation_failed, the others are still undone, and the run needs attention', () => {
    const h = saga();
    h.fail('ship', 'auth');
    h.next();
    // An undo retries by default (5 attempts); the last one failing gives up.
    h.inFlight('refund', 4);
    h.fail('refund', 'server');
    expect(h.node('charge').status).toBe('compensation_failed');
    expect(started(h.next())).toEqual(['release']);
    h.succeed('release');
    h.next();
    expect(h.state.run).toMatchObject({ status: 'needs_attention', phase: 'ended' });
  });

  it('an undo is retried by default, unlike a forward node without a retry edge', () => {
    const h = saga();
    h.fail('ship', 'auth');
    h.next();
    const commands = h.fail('refund', 'server');
    expect(h.node('refund').status).toBe('retrying');
    expect(commands.some((c) => c.type === 'arm_timer')).toBe(true);
  });

  it('nothing stands to undo: the run ends failed', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a')]);
    h.fail('a', 'auth');
    h.next();
    expect(h.state.run).toMatchObject({ status: 'failed', phase: 'ended' });
  });
});

describe('cancel', () => {
  it('without compensation: attempts are aborted, nothing more starts, and the run ends cancelled once they answer', () => {
    const h = saga();
    expect(h.decide({ type: 'cancel', compensate: false })).toEqual([{ type: 'abort_attempts' }]);
    expect(h.next()).toEqual([]);
    h.fail('ship', 'cancelled');
    expect(h.node('ship').status).toBe('cancelled');
    h.next();
    expect(h.state.run).toMatchObject({ status: 'cancelled', phase: 'ended' });
    expect(h.statuses()).toMatchObject({ reserve: 'succeeded', charge: 'succeeded' });
  });

  it('with compensation: what stands is undone, and the run still ends cancelled', () => {
    const h = saga();
    h.decide({ type: 'cancel', compensate: true });
    h.fail('ship', 'cancelled');
    expect(started(h.next())).toEqual(['refund']);
    h.succeed('refund');
    expect(started(h.next())).toEqual(['release']);
    h.succeed('release');
    h.next();
    expect(h.state.run.status).toBe('cancelled');
    expect(h.statuses()).toMatchObject({ reserve: 'compensated', charge: 'compensated' });
  });

  it('without compensation while compensating: the undo in flight is abandoned and no further one is sent', () => {
    const h = saga();
    h.fail('ship', 'auth');
    h.next();
    h.inFlight('refund');
    expect(h.decide({ type: 'cancel', compensate: false })).toEqual([{ type: 'abort_attempts' }]);
    expect(h.node('charge').status).toBe('succeeded');
    h.fail('refund', 'cancelled');
    expect(started(h.next())).toEqual([]);
    expect(h.state.run).toMatchObject({ status: 'cancelled', phase: 'ended' });
  });

  it('a retrying node is stopped: its timer disarmed and cleared, the node cancelled', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a'), { id: 'r', kind: 'retry', source: 'a', target: 'a', retry: { maxAttempts: 3 } }]);
    h.fail('a', 'timeout');
    expect(h.node('a').status).toBe('retrying');
    const commands = h.decide({ type: 'cancel', compensate: false });
    expect(commands).toEqual([{ type: 'abort_attempts' }, { type: 'disarm_timer', nodeId: 'a' }]);
    expect(h.step.timersCleared.has('a')).toBe(true);
    expect(h.node('a').status).toBe('cancelled');
  });
});

describe('restart recovery', () => {
  it('an interrupted attempt is recorded and repeated when the node is retry-safe', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a')]);
    const attempt = h.inFlight('a');
    h.state.inFlight.clear();
    const commands = h.decide({ type: 'recover', openAttempts: [attempt] });
    expect(attempt.outcome).toBe('interrupted');
    expect(commands).toEqual([expect.objectContaining({ type: 'start_attempt', nodeId: 'a', attempt: expect.objectContaining({ number: 2 }) })]);
  });

  it('an interrupted attempt of a node that is not retry-safe is not repeated: its outcome is unknown and the run needs attention', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a')], { notRetrySafe: ['a'] });
    const attempt = h.inFlight('a');
    h.state.inFlight.clear();
    expect(h.decide({ type: 'recover', openAttempts: [attempt] })).toEqual([]);
    expect(h.state.run.stopReason).toEqual({ kind: 'outcome_unknown', nodeId: 'a' });
    h.next();
    expect(h.state.run.status).toBe('needs_attention');
  });

  it('a node interrupted maxInterruptions times fails internal', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a')]);
    h.set('a', { interruptions: 2 });
    const attempt = h.inFlight('a');
    h.state.inFlight.clear();
    h.decide({ type: 'recover', openAttempts: [attempt] });
    expect(h.node('a')).toMatchObject({ status: 'failed', error: { category: 'internal' } });
  });
});
