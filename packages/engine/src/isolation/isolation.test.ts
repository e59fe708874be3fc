import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failure } from '@switchyard/schema';
import type { Clock, ExecutionResult, TimerHandle } from '../ports.js';
import type { IntegrationRecord } from '../records.js';
import { Bulkhead } from './bulkhead.js';
import { CircuitBreaker, resolveBreakerSettings } from './circuit-breaker.js';
import type { BreakerChange } from './circuit-breaker.js';
import { IntegrationGuards, verdictOf } from './integration-guards.js';
import { RateLimiter } from './rate-limiter.js';
import { RetryBudget } from './retry-budget.js';

/** Business time the test moves by hand; due timers fire when it does. */
class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  constructor(private time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  setTimer(at: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at, fn });
    return { id };
  }
  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }
  deadline(ms: number): AbortSignal {
    return AbortSignal.timeout(ms);
  }
  afterIo(fn: () => void): void {
    setImmediate(fn);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.time) continue;
      this.timers.delete(id);
      t.fn();
    }
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function breaker(settings: Parameters<typeof resolveBreakerSettings>[0] = {}): { b: CircuitBreaker; changes: BreakerChange[] } {
  const changes: BreakerChange[] = [];
  return { b: new CircuitBreaker(resolveBreakerSettings(settings), (c) => changes.push(c)), changes };
}

describe('circuit breaker', () => {
  it('opens after consecutiveFailures availability failures in a row and refuses calls until its cool-down ends', () => {
    const { b, changes } = breaker({ consecutiveFailures: 3, coolDownMs: 10_000 });
    for (let i = 0; i < 2; i++) {
      expect(b.admit(100)).toEqual({ ok: true, probe: false });
      b.record(100, 'failure', false);
    }
    b.record(100, 'success', false); // a success breaks the run of failures
    for (let i = 0; i < 3; i++) b.record(200, 'failure', false);
    expect(changes).toEqual([{ from: 'closed', to: 'open', at: 200, reason: '3 availability failures in a row' }]);
    expect(b.admit(5_000)).toEqual({ ok: false, retryAt: 10_200 });
    expect(b.snapshot(5_000)).toMatchObject({ state: 'open', since: 200, retryAt: 10_200 });
  });

  it('opens on the failure rate only once the window holds minimumCalls calls', () => {
    const { b, changes } = breaker({ minimumCalls: 10, failureRate: 0.5, consecutiveFailures: 100 });
    // Alternating: 50 % failing, never two in a row.
    for (let i = 0; i < 9; i++) b.record(1_000 + i, i % 2 === 0 ? 'failure' : 'success', false);
    expect(changes).toEqual([]);
    b.record(1_010, 'failure', false); // 10 calls, 6 failed: 60 %
    expect(changes.map((c) => c.to)).toEqual(['open']);
    expect(changes[0]!.reason).toBe('6 of 10 calls failed within 60 s');
  });

  it('forgets failures that left the sliding window', () => {
    const { b, changes } = breaker({ minimumCalls: 4, failureRate: 0.5, consecutiveFailures: 100, windowMs: 60_000 });
    b.record(0, 'failure', false);
    b.record(0, 'failure', false);
    b.record(0, 'success', false);
    // Two minutes later the old calls are gone: three calls, one failure, under the minimum.
    b.record(120_000, 'failure', false);
    b.record(120_000, 'success', false);
    b.record(120_000, 'success', false);
    expect(changes).toEqual([]);
    expect(b.snapshot(120_000).window).toEqual({ calls: 3, failures: 1 });
  });

  it('does not count neutral calls (auth, bad requests, cancellations)', () => {
    const { b, changes } = breaker({ consecutiveFailures: 2 });
    b.record(0, 'failure', false);
    b.record(0, 'neutral', false);
    b.record(0, 'neutral', false);
    expect(changes).toEqual([]);
    expect(b.snapshot(0)).toMatchObject({ consecutiveFailures: 1, window: { calls: 1, failures: 1 } });
  });

  it('half-open: lets halfOpenProbes calls through; a probe success closes it', () => {
    const { b, changes } = breaker({ consecutiveFailures: 1, coolDownMs: 1_000, halfOpenProbes: 2 });
    b.record(0, 'failure', false);
    expect(b.admit(1_000)).toEqual({ ok: true, probe: true });
    expect(b.admit(1_000)).toEqual({ ok: true, probe: true });
    expect(b.admit(1_000).ok).toBe(false);
    b.record(1_050, 'success', true);
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual(['closed>open', 'open>half_open', 'half_open>closed']);
    expect(b.admit(1_060)).toEqual({ ok: true, probe: false });
  });

  it('half-open: a probe failure opens it again for a whole cool-down', () => {
    const { b, changes } = breaker({ consecutiveFailures: 1, coolDownMs: 1_000 });
    b.record(0, 'failure', false);
    expect(b.admit(1_500)).toEqual({ ok: true, probe: true });
    b.record(1_700, 'failure', true);
    expect(changes.at(-1)).toEqual({ from: 'half_open', to: 'open', at: 1_700, reason: 'a probe call failed' });
    expect(b.admit(2_600)).toEqual({ ok: false, retryAt: 2_700 });
  });

  it('a neutral probe frees its slot without a verdict', () => {
    const { b } = breaker({ consecutiveFailures: 1, coolDownMs: 1_000 });
    b.record(0, 'failure', false);
    expect(b.admit(1_000).ok).toBe(true);
    expect(b.admit(1_000).ok).toBe(false);
    b.record(1_001, 'neutral', true);
    expect(b.snapshot(1_001).state).toBe('half_open');
    expect(b.admit(1_002)).toEqual({ ok: true, probe: true });
  });

  it('restored open after a restart, it keeps the cool-down that started before', () => {
    const { b } = breaker({ coolDownMs: 30_000 });
    b.restore('open', 10_000);
    expect(b.admit(20_000)).toEqual({ ok: false, retryAt: 40_000 });
    expect(b.admit(40_000)).toEqual({ ok: true, probe: true });
  });

  it('switched off, it lets every call through', () => {
    const { b, changes } = breaker({ enabled: false, consecutiveFailures: 1 });
    for (let i = 0; i < 5; i++) b.record(0, 'failure', false);
    expect(b.admit(0)).toEqual({ ok: true, probe: false });
    expect(changes).toEqual([]);
  });

  it('property: never lets a call through while open before its cool-down, nor more probes than allowed', () => {
    const step = fc.record({ dt: fc.integer({ min: 0, max: 3_000 }), verdict: fc.constantFrom('success', 'failure', 'neutral') as fc.Arbitrary<'success' | 'failure' | 'neutral'>, finish: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.integer({ min: 1, max: 3 }), (steps, probes) => {
        const { b } = breaker({ consecutiveFailures: 3, minimumCalls: 5, coolDownMs: 2_000, halfOpenProbes: probes });
        let now = 0;
        const open: boolean[] = []; // probe flags of calls in flight
        for (const s of steps) {
          now += s.dt;
          const before = b.snapshot(now);
          const admission = b.admit(now);
          if (before.state === 'open' && now < before.retryAt!) expect(admission.ok).toBe(false);
          if (admission.ok) open.push(admission.probe);
          expect(open.filter(Boolean).length).toBeLessThanOrEqual(probes);
          if (s.finish && open.length > 0) b.record(now, s.verdict, open.shift()!);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('bulkhead', () => {
  const never = new AbortController().signal;

  it('lets maxConcurrent calls in, queues up to maxQueue in order, refuses the rest', async () => {
    const clock = new ManualClock();
    const bulkhead = new Bulkhead(2, 1, clock);
    const a = bulkhead.enter(clock.now() + 1_000, never);
    const b = bulkhead.enter(clock.now() + 1_000, never);
    expect('ok' in a && a.ok && 'ok' in b && b.ok).toBe(true);
    const queued = bulkhead.enter(clock.now() + 1_000, never);
    expect(queued).toBeInstanceOf(Promise);
    expect(bulkhead.enter(clock.now() + 1_000, never)).toEqual({ ok: false, reason: 'full' });
    expect(bulkhead.usage).toEqual({ inFlight: 2, waiting: 1, maxConcurrent: 2, maxQueue: 1 });
    (a as { release: () => void }).release();
    (a as { release: () => void }).release(); // twice: still one slot
    const entry = await queued;
    expect(entry.ok).toBe(true);
    expect(bulkhead.usage).toEqual({ inFlight: 2, waiting: 0, maxConcurrent: 2, maxQueue: 1 });
  });

  it('a waiter gives up at its deadline or when its run is cancelled, and leaves the queue', async () => {
    const clock = new ManualClock();
    const bulkhead = new Bulkhead(1, 5, clock);
    bulkhead.enter(clock.now() + 1_000, never);
    const late = bulkhead.enter(clock.now() + 500, never);
    const cancel = new AbortController();
    const cancelled = bulkhead.enter(clock.now() + 5_000, cancel.signal);
    clock.advance(500);
    expect(await late).toEqual({ ok: false, reason: 'timeout' });
    cancel.abort();
    expect(await cancelled).toEqual({ ok: false, reason: 'aborted' });
    expect(bulkhead.usage.waiting).toBe(0);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then spaces calls at the rate; refuses a wait longer than allowed', () => {
    const limiter = new RateLimiter(2, 2, 0);
    expect(limiter.reserve(0, 10_000)).toEqual({ ok: true, waitMs: 0 });
    expect(limiter.reserve(0, 10_000)).toEqual({ ok: true, waitMs: 0 });
    expect(limiter.reserve(0, 10_000)).toEqual({ ok: true, waitMs: 500 });
    expect(limiter.reserve(0, 10_000)).toEqual({ ok: true, waitMs: 1_000 });
    expect(limiter.reserve(0, 1_000)).toEqual({ ok: false, retryAfterMs: 1_500 });
    // Refill: two seconds later the reservations are paid for and one token is back.
    expect(limiter.reserve(2_000, 0)).toEqual({ ok: true, waitMs: 0 });
  });
});

describe('retry budget', () => {
  it('allows the floor a minute, then a ratio of first attempts', () => {
    const budget = new RetryBudget({ enabled: true, ratio: 0.2, minPerMinute: 3, windowMs: 60_000 });
    const taken = (n: number, at: number): number => Array.from({ length: n }, () => budget.tryRetry(at)).filter(Boolean).length;
    expect(taken(5, 0)).toBe(3);
    for (let i = 0; i < 50; i++) budget.noteFirstAttempt(1_000);
    expect(taken(20, 1_000)).toBe(7); // 20 % of 50 = 10, 3 already taken
    // A window later everything has left it: the floor again.
    expect(taken(5, 200_000)).toBe(3);
  });

  it('switched off, it never refuses', () => {
    const budget = new RetryBudget({ enabled: false, ratio: 0, minPerMinute: 0, windowMs: 60_000 });
    expect(budget.tryRetry(0)).toBe(true);
  });
});

describe('integration guards', () => {
  const integration = (overrides: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
    id: 'payments',
    name: 'Payments',
    baseUrl: 'http://127.0.0.1:1',
    timeoutMs: null,
    credential: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  });
  const serverError: ExecutionResult = { ok: false, failure: failure('server', 'HTTP 503', { httpStatus: 503 }) };
  const call = (i: IntegrationRecord, signal = new AbortController().signal) => ({ integration: i, isRetry: false, timeoutMs: 1_000, signal });

  it('classifies results: availability failures against, success for, the rest neutral', () => {
    expect(verdictOf({ ok: true, output: null })).toBe('success');
    expect(verdictOf(serverError)).toBe('failure');
    expect(verdictOf({ ok: false, failure: failure('auth', 'HTTP 401') })).toBe('neutral');
    expect(verdictOf({ ok: false, failure: failure('circuit_open', 'open') })).toBe('neutral');
  });

  it('fails calls at once with circuit_open, sending nothing, once the breaker opened; stores each change', async () => {
    const clock = new ManualClock(0);
    const changes: Array<{ id: string; to: string }> = [];
    const guards = new IntegrationGuards(clock, (id, c) => changes.push({ id, to: c.to }));
    const i = integration({ protections: { breaker: { consecutiveFailures: 2, coolDownMs: 5_000 } } });
    let sent = 0;
    const send = async (): Promise<ExecutionResult> => {
      sent += 1;
      return serverError;
    };
    await guards.call(call(i), send);
    await guards.call(call(i), send);
    const refused = await guards.call(call(i), send);
    expect(sent).toBe(2);
    expect(refused).toEqual({ ok: false, failure: { category: 'circuit_open', message: "the breaker of integration 'payments' is open; no request was sent (probe calls from 1970-01-01T00:00:05.000Z)", retryAfterMs: 5_000 } });
    expect(changes).toEqual([{ id: 'payments', to: 'open' }]);
    expect(guards.status('payments')?.breaker).toMatchObject({ enabled: true, state: 'open', retryAt: 5_000 });
    // Another integration is not affected.
    expect((await guards.call(call(integration({ id: 'crm' })), async () => ({ ok: true, output: 1 }))).ok).toBe(true);
  });

  it('waits for its rate limit token on the engine clock, and refuses one it could not get within the timeout', async () => {
    const clock = new ManualClock(0);
    const guards = new IntegrationGuards(clock, () => {});
    const i = integration({ protections: { rateLimit: { perSecond: 1, burst: 1 } } });
    const sentAt: number[] = [];
    const send = async (): Promise<ExecutionResult> => {
      sentAt.push(clock.now());
      return { ok: true, output: null };
    };
    await guards.call(call(i), send);
    const second = guards.call(call(i), send);
    const third = await guards.call({ ...call(i), timeoutMs: 1_500 }, send);
    expect(third).toMatchObject({ ok: false, failure: { category: 'rate_limited', retryAfterMs: 2_000 } });
    await tick();
    expect(sentAt).toEqual([0]);
    clock.advance(1_000);
    await second;
    expect(sentAt).toEqual([0, 1_000]);
  });

  it('holds calls beyond the bulkhead and hands a freed slot to the next one', async () => {
    const clock = new ManualClock(0);
    const guards = new IntegrationGuards(clock, () => {});
    const i = integration({ protections: { bulkhead: { maxConcurrent: 1, maxQueue: 1 } } });
    let inFlight = 0;
    let most = 0;
    const finishers: Array<() => void> = [];
    const send = (): Promise<ExecutionResult> =>
      new Promise((resolve) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        finishers.push(() => {
          inFlight -= 1;
          resolve({ ok: true, output: null });
        });
      });
    const first = guards.call(call(i), send);
    const second = guards.call(call(i), send);
    const third = await guards.call(call(i), send);
    expect(third).toMatchObject({ ok: false, failure: { category: 'rate_limited' } });
    expect(third.ok ? '' : third.failure.message).toContain('its bulkhead');
    await tick();
    expect(finishers).toHaveLength(1);
    finishers[0]!();
    await first;
    await tick();
    expect(finishers).toHaveLength(2);
    finishers[1]!();
    await second;
    expect(most).toBe(1);
  });

  it('takes new settings when the integration is saved again, keeping the breaker state', async () => {
    const clock = new ManualClock(0);
    const guards = new IntegrationGuards(clock, () => {});
    const before = integration({ protections: { breaker: { consecutiveFailures: 1, coolDownMs: 60_000 } } });
    await guards.call(call(before), async () => serverError);
    expect(guards.status('payments')?.breaker.state).toBe('open');
    const after = integration({ updatedAt: 1, protections: { breaker: { enabled: false } } });
    expect((await guards.call(call(after), async () => ({ ok: true, output: null }))).ok).toBe(true);
    expect(guards.status('payments')?.breaker).toMatchObject({ enabled: false, state: 'closed' });
  });

  it('never goes back to older settings (an attempt prepared before a save), and forgets a deleted integration', async () => {
    const clock = new ManualClock(0);
    const guards = new IntegrationGuards(clock, () => {});
    const newer = integration({ updatedAt: 2, protections: { breaker: { enabled: false } } });
    const older = integration({ updatedAt: 1, protections: { breaker: { consecutiveFailures: 1 } } });
    await guards.call(call(newer), async () => serverError);
    await guards.call(call(older), async () => serverError);
    expect(guards.status('payments')?.breaker).toMatchObject({ enabled: false, state: 'closed' });
    guards.forget('payments');
    expect(guards.status('payments')).toBeUndefined();
  });

  it('a breaker restored open knows its cool-down once the integration is read', () => {
    const clock = new ManualClock(10_000);
    const guards = new IntegrationGuards(clock, () => {});
    guards.restore([{ integrationId: 'payments', at: 5_000, from: 'closed', to: 'open', reason: 'x' }]);
    expect(guards.status('payments')?.breaker.retryAt).toBeNull();
    expect(guards.statusFor(integration({ protections: { breaker: { coolDownMs: 60_000 } } })).breaker).toMatchObject({ state: 'open', retryAt: 65_000 });
  });

  it('takes back a stored open breaker after a restart', async () => {
    const clock = new ManualClock(10_000);
    const guards = new IntegrationGuards(clock, () => {});
    guards.restore([{ integrationId: 'payments', at: 5_000, from: 'closed', to: 'open', reason: 'x' }]);
    expect(guards.status('payments')?.breaker.state).toBe('open');
    const result = await guards.call(call(integration()), async () => ({ ok: true, output: null }));
    expect(result).toMatchObject({ ok: false, failure: { category: 'circuit_open', retryAfterMs: 25_000 } });
  });
});
