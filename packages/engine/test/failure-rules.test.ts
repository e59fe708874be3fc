import { describe, expect, it } from 'vitest';
import type { ErrorCategory, WorkflowEdge } from '@switchyard/schema';
import type { Command } from '../src/decide/commands.js';
import { RulesHarness, call, commandTypes, next } from './rules-harness.js';

// semantics.md "What happens when a node fails", decided without a store or timers: each row is
// a state, one event, and the changes and commands the rules answer.

const retryEdge = (source: string, retry: Record<string, unknown>): WorkflowEdge =>
  ({ id: `retry-${source}`, kind: 'retry', source, target: source, retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 100, jitter: 'none', ...retry } }) as WorkflowEdge;

function armed(commands: readonly Command[]): number | undefined {
  const c = commands.find((x) => x.type === 'arm_timer');
  return c?.type === 'arm_timer' ? c.at : undefined;
}

describe('step 1, retry', () => {
  const rows: Array<{ category: ErrorCategory; triesBefore: number; retryAfterMs?: number; retry: Record<string, unknown>; expected: 'retry' | 'failed'; dueIn?: number }> = [
    { category: 'timeout', triesBefore: 0, retry: {}, expected: 'retry', dueIn: 100 },
    { category: 'network', triesBefore: 1, retry: {}, expected: 'retry', dueIn: 100 },
    { category: 'server', triesBefore: 2, retry: {}, expected: 'failed' },
    { category: 'rate_limited', triesBefore: 0, retryAfterMs: 5_000, retry: {}, expected: 'retry', dueIn: 5_000 },
    { category: 'rate_limited', triesBefore: 0, retryAfterMs: 10 * 60_000, retry: { maxRetryAfterMs: 60_000 }, expected: 'failed' },
    { category: 'auth', triesBefore: 0, retry: {}, expected: 'failed' },
    { category: 'invalid_request', triesBefore: 0, retry: {}, expected: 'failed' },
    { category: 'invalid_response', triesBefore: 0, retry: {}, expected: 'failed' },
    { category: 'auth', triesBefore: 0, retry: { on: ['auth'] }, expected: 'retry', dueIn: 100 },
    { category: 'timeout', triesBefore: 0, retry: { backoff: 'exponential', initialDelayMs: 200, multiplier: 2, jitter: 'full' }, expected: 'retry', dueIn: 100 },
    { category: 'timeout', triesBefore: 2, retry: { maxAttempts: 5, backoff: 'exponential', initialDelayMs: 200, multiplier: 2, jitter: 'none' }, expected: 'retry', dueIn: 800 },
  ];

  it.each(rows)('$category after $triesBefore earlier tries with $retry: $expected', ({ category, triesBefore, retryAfterMs, retry, expected, dueIn }) => {
    const h = new RulesHarness([call('a')], [next('start', 'a'), retryEdge('a', retry)]);
    h.inFlight('a', triesBefore);
    const commands = h.fail('a', category, retryAfterMs === undefined ? {} : { retryAfterMs });
    expect(h.node('a').tries).toBe(triesBefore + 1);
    if (expected === 'retry') {
      expect(h.node('a').status).toBe('retrying');
      expect(armed(commands)).toBe(h.now + dueIn!);
      expect(h.step.timersSet.get('a')).toMatchObject({ kind: 'retry', dueAt: h.now + dueIn! });
      expect(h.state.run.stopReason).toBeNull();
    } else {
      expect(h.node('a').status).toBe('failed');
      expect(h.node('a').error?.category).toBe(category);
      expect(h.state.run.stopReason).toMatchObject({ kind: 'node_failed', nodeId: 'a' });
    }
  });

  it('a retry of a call to an integration asks its retry budget first; a spent budget ends the retries, and says so', () => {
    const h = new RulesHarness([call('a', { integration: 'crm' })], [next('start', 'a'), retryEdge('a', {})]);
    const asked = h.fail('a', 'server');
    expect(asked).toEqual([expect.objectContaining({ type: 'ask_retry_budget', nodeId: 'a', integration: 'crm', delayMs: 100 })]);
    expect(h.node('a').status).toBe('running');
    const ask = asked[0] as Extract<Command, { type: 'ask_retry_budget' }>;
    h.decide({ type: 'retry_budget_answered', nodeId: 'a', failure: ask.failure, delayMs: ask.delayMs, allowed: false });
    expect(h.node('a').status).toBe('failed');
    expect(h.node('a').error?.message).toContain("the retry budget of integration 'crm' is spent");
  });

  it('a pure node retries without asking any budget', () => {
    const h = new RulesHarness([call('a', { integration: 'crm' })], [next('start', 'a'), retryEdge('a', {})], { pure: ['a'] });
    const commands = h.fail('a', 'server');
    expect(commandTypes(commands)).toEqual(['arm_timer']);
  });

  it('nothing is retried while the run is stopping: the attempt ends with the run', () => {
    const h = new RulesHarness([call('a'), call('b')], [next('start', 'a'), next('start', 'b'), retryEdge('a', {})]);
    h.inFlight('a');
    h.state.run.stopReason = { kind: 'node_failed', nodeId: 'b', failure: { category: 'auth', message: 'no' } };
    expect(h.fail('a', 'timeout')).toEqual([]);
    expect(h.node('a').status).toBe('failed');
  });

  it('the timer of a retrying node begins its next attempt, with the delay it waited recorded', () => {
    const h = new RulesHarness([call('a')], [next('start', 'a'), retryEdge('a', {})]);
    h.fail('a', 'timeout');
    h.now += 100;
    const commands = h.decide({ type: 'timer_fired', nodeId: 'a' });
    expect(commands).toEqual([expect.objectContaining({ type: 'start_attempt', nodeId: 'a', attempt: expect.objectContaining({ number: 2, delayBeforeMs: 100 }) })]);
    expect(h.node('a').status).toBe('running');
  });
});

describe('step 2, fallback edges', () => {
  const fallback = (target: string, order: number, on?: ErrorCategory[]): WorkflowEdge =>
    ({ id: `fb-${target}`, kind: 'fallback', source: 'a', target, order, ...(on ? { on } : {}) }) as WorkflowEdge;
  const nodes = [call('a'), call('cache'), call('backup')];

  const rows: Array<{ category: ErrorCategory; edges: WorkflowEdge[]; starts: string | null }> = [
    { category: 'timeout', edges: [fallback('backup', 2), fallback('cache', 1)], starts: 'cache' },
    { category: 'timeout', edges: [fallback('backup', 2), fallback('cache', 1, ['auth'])], starts: 'backup' },
    { category: 'auth', edges: [fallback('backup', 2, ['timeout']), fallback('cache', 1, ['timeout'])], starts: null },
    { category: 'invalid_response', edges: [fallback('cache', 1)], starts: 'cache' },
  ];

  it.each(rows)('$category tries the first fallback in order whose `on` holds it: $starts', ({ category, edges, starts }) => {
    const h = new RulesHarness(nodes, [next('start', 'a'), ...edges]);
    const commands = h.fail('a', category);
    const started = commands.filter((c) => c.type === 'start_attempt').map((c) => (c as { nodeId: string }).nodeId);
    if (starts === null) {
      expect(started).toEqual([]);
      expect(h.node('a').status).toBe('failed');
    } else {
      expect(started).toEqual([starts]);
      expect(h.node('a').status).toBe('running');
      expect(h.node('a').exhaustedFailure?.category).toBe(category);
    }
  });

  it('a fallback that fails hands over to the next one; the last one failing fails the source with its own failure', () => {
    const h = new RulesHarness(nodes, [next('start', 'a'), fallback('cache', 1), fallback('backup', 2)]);
    h.fail('a', 'server');
    const toBackup = h.fail('cache', 'timeout');
    expect(toBackup.filter((c) => c.type === 'start_attempt')).toEqual([expect.objectContaining({ nodeId: 'backup' })]);
    h.fail('backup', 'network');
    expect(h.statuses()).toMatchObject({ a: 'failed', cache: 'failed', backup: 'failed' });
    expect(h.node('a').error?.category).toBe('server');
  });

  it("a fallback's success is the source's, marked as coming through it", () => {
    const h = new RulesHarness(nodes, [next('start', 'a'), fallback('cache', 1)]);
    h.fail('a', 'server');
    h.succeed('cache', { cached: true });
    expect(h.node('a')).toMatchObject({ status: 'succeeded', source: 'fallback:cache', output: { cached: true } });
  });
});

describe('step 3, last-known-good', () => {
  const lkg = { policy: { lastKnownGood: { maxAgeMs: 60_000 } } };

  it.each([
    { found: { output: { rate: 1.1 }, updatedAt: 1_000 - 60_000 }, expected: 'succeeded' },
    { found: { output: { rate: 1.1 }, updatedAt: 1_000 - 60_001 }, expected: 'failed' },
    { found: undefined, expected: 'failed' },
  ])('a stored output found $found ends the node $expected', ({ found, expected }) => {
    const h = new RulesHarness([call('a', lkg)], [next('start', 'a')]);
    const asked = h.fail('a', 'server');
    expect(asked).toEqual([expect.objectContaining({ type: 'look_up_last_known_good', nodeId: 'a' })]);
    const lookUp = asked[0] as Extract<Command, { type: 'look_up_last_known_good' }>;
    h.decide({ type: 'last_known_good_answered', nodeId: 'a', failure: lookUp.failure, found });
    expect(h.node('a').status).toBe(expected);
    if (expected === 'succeeded') expect(h.node('a')).toMatchObject({ source: 'last_known_good', output: { rate: 1.1 }, error: { category: 'server' } });
    else expect(h.state.run.stopReason).toMatchObject({ kind: 'node_failed', nodeId: 'a' });
  });

  it('a success of its own is saved as the last-known-good value; a stand-in output is not', () => {
    const h = new RulesHarness([call('a', lkg)], [next('start', 'a')]);
    expect(h.succeed('a', { rate: 1 })).toEqual([{ type: 'save_last_known_good', nodeId: 'a', output: { rate: 1 } }]);
  });
});

describe('step 4, defer', () => {
  const deferred = { policy: { defer: { maxWaitMs: 10_000, checkEveryMs: 2_000 } } };

  it.each<{ category: ErrorCategory; defers: boolean }>([
    { category: 'timeout', defers: true },
    { category: 'server', defers: true },
    { category: 'rate_limited', defers: true },
    { category: 'circuit_open', defers: true },
    { category: 'credential_locked', defers: true },
    { category: 'auth', defers: false },
    { category: 'invalid_response', defers: false },
  ])('$category: deferred $defers', ({ category, defers }) => {
    const h = new RulesHarness([call('a', deferred)], [next('start', 'a')]);
    const commands = h.fail('a', category);
    if (defers) expect(commands).toEqual([expect.objectContaining({ type: 'check_health', nodeId: 'a', then: 'park' })]);
    else expect(h.node('a').status).toBe('failed');
  });

  it('parks until the breaker lets probes through, or the next check; wakes healthy to a fresh start; fails once maxWaitMs is over', () => {
    const h = new RulesHarness([call('a', deferred)], [next('start', 'a'), retryEdge('a', { maxAttempts: 1 })]);
    const park = h.fail('a', 'circuit_open')[0] as Extract<Command, { type: 'check_health' }>;
    const parked = h.decide({ type: 'health_answered', nodeId: 'a', failure: park.failure, then: 'park', health: { breakerOpenUntil: h.now + 5_000 } });
    expect(h.node('a')).toMatchObject({ status: 'deferred', nextAttemptAt: h.now + 5_000, deferredUntil: h.now + 10_000 });
    expect(armed(parked)).toBe(h.now + 5_000);

    h.now += 5_000;
    const wake = h.decide({ type: 'timer_fired', nodeId: 'a' });
    expect(wake).toEqual([expect.objectContaining({ type: 'check_health', then: 'wake' })]);
    const restarted = h.decide({ type: 'health_answered', nodeId: 'a', failure: park.failure, then: 'wake', health: {} });
    expect(restarted).toEqual([expect.objectContaining({ type: 'start_attempt', nodeId: 'a' })]);
    expect(h.node('a')).toMatchObject({ status: 'running', tries: 0 });

    // Fails again: parked again (no breaker known, so at the next check), within the same overall wait.
    const again = h.fail('a', 'timeout')[0] as Extract<Command, { type: 'check_health' }>;
    h.decide({ type: 'health_answered', nodeId: 'a', failure: again.failure, then: 'park', health: {} });
    expect(h.node('a')).toMatchObject({ status: 'deferred', nextAttemptAt: h.now + 2_000, deferredUntil: 11_000 });

    h.now = 11_000;
    expect(h.decide({ type: 'timer_fired', nodeId: 'a' }).some((c) => c.type === 'check_health')).toBe(false);
    expect(h.node('a').status).toBe('failed');
  });

  it('a locked credential keeps the node parked, checking again every checkEveryMs', () => {
    const h = new RulesHarness([call('a', deferred)], [next('start', 'a')]);
    const park = h.fail('a', 'credential_locked')[0] as Extract<Command, { type: 'check_health' }>;
    h.decide({ type: 'health_answered', nodeId: 'a', failure: park.failure, then: 'park', health: { credentialLocked: true } });
    h.now += 2_000;
    h.decide({ type: 'timer_fired', nodeId: 'a' });
    h.decide({ type: 'health_answered', nodeId: 'a', failure: park.failure, then: 'wake', health: { credentialLocked: true } });
    expect(h.node('a')).toMatchObject({ status: 'deferred', nextAttemptAt: h.now + 2_000 });
  });
});

describe('step 5, onFailure', () => {
  it('"continue": the node fails and the run goes on; its successor runs with the failure to see', () => {
    const h = new RulesHarness([call('a', { policy: { onFailure: 'continue' } }), call('b')], [next('start', 'a'), next('a', 'b')]);
    h.fail('a', 'auth');
    expect(h.state.run.stopReason).toBeNull();
    expect(h.next()).toEqual([expect.objectContaining({ type: 'start_attempt', nodeId: 'b' })]);
  });

  it('"fail" (the default): the run stops, nodes not started are skipped, and the run ends failed', () => {
    const h = new RulesHarness([call('a'), call('b')], [next('start', 'a'), next('a', 'b')]);
    h.fail('a', 'auth');
    expect(h.state.run.stopReason).toMatchObject({ kind: 'node_failed', nodeId: 'a', failure: { category: 'auth' } });
    expect(h.node('b').status).toBe('skipped');
    h.next();
    expect(h.state.run).toMatchObject({ status: 'failed', phase: 'ended' });
  });

  it('a run that succeeded through a stand-in or an optional failure is degraded', () => {
    const h = new RulesHarness([call('a', { policy: { onFailure: 'continue' } })], [next('start', 'a')]);
    h.fail('a', 'server');
    h.next();
    expect(h.state.run).toMatchObject({ status: 'succeeded', degraded: true });
  });
});
