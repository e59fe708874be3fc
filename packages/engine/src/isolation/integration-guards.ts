import { AVAILABILITY_CATEGORIES, BULKHEAD_DEFAULTS, RETRY_BUDGET_DEFAULTS, failure } from '@switchyard/schema';
import type { BreakerState, BulkheadSettings, Failure, RateLimitSettings } from '@switchyard/schema';
import type { Clock, ExecutionResult } from '../ports.js';
import type { BreakerTransitionRecord, IntegrationRecord } from '../records.js';
import { Bulkhead } from './bulkhead.js';
import { CircuitBreaker, resolveBreakerSettings } from './circuit-breaker.js';
import type { BreakerChange, BreakerSnapshot, CallVerdict } from './circuit-breaker.js';
import { RateLimiter } from './rate-limiter.js';
import { RetryBudget } from './retry-budget.js';

/** One call to an integration as the run driver asks for it. */
export interface GuardedCall {
  integration: IntegrationRecord;
  /** A retry of the node (not its first attempt): first attempts earn the retry budget. */
  isRetry: boolean;
  /** The attempt's timeout: waiting for a rate-limit token or a bulkhead slot is bounded by it too. */
  timeoutMs: number;
  signal: AbortSignal;
}

export interface IntegrationGuardStatus {
  integrationId: string;
  breaker: BreakerSnapshot & { enabled: boolean };
  bulkhead: { inFlight: number; waiting: number; maxConcurrent: number; maxQueue: number } | null;
  retryBudget: { enabled: boolean; firstAttempts: number; retries: number; allowed: number };
}

interface Guard {
  /** The integration's `updatedAt` the guard was configured from: a newer one reconfigures it. */
  configuredAt: number;
  breakerEnabled: boolean;
  breaker: CircuitBreaker;
  budget: RetryBudget;
  budgetEnabled: boolean;
  limiter: RateLimiter | undefined;
  bulkhead: Bulkhead | undefined;
}

/** Availability failures count against the breaker; a refusal of its own (`circuit_open`) does not. */
export function verdictOf(result: ExecutionResult): CallVerdict {
  if (result.ok) return 'success';
  const category = result.failure.category;
  return category !== 'circuit_open' && AVAILABILITY_CATEGORIES.has(category) ? 'failure' : 'neutral';
}

/**
 * The protections of every integration, shared by all runs of the engine (semantics.md
 * "Isolation of integrations"): a breaker, a retry budget, and where configured a rate limit and a
 * bulkhead. A call passes them in that order; a refusal is a failure of the attempt with no
 * request sent. Breaker changes are handed to `onBreakerChange` to be stored.
 */
export class IntegrationGuards {
  private readonly guards = new Map<string, Guard>();
  /** States read back from the store, applied when each integration's guard is first built. */
  private readonly restored = new Map<string, { state: BreakerState; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly onBreakerChange: (integrationId: string, change: BreakerChange) => void,
  ) {}

  /** The last stored transition of each integration (after a restart). */
  restore(latest: readonly BreakerTransitionRecord[]): void {
    for (const t of latest) {
      const guard = this.guards.get(t.integrationId);
      if (guard) guard.breaker.restore(t.to, t.at);
      else this.restored.set(t.integrationId, { state: t.to, at: t.at });
    }
  }

  async call(c: GuardedCall, send: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    const guard = this.guardFor(c.integration);
    const id = c.integration.id;
    const start = this.clock.now();
    const admission = guard.breaker.admit(start);
    if (!admission.ok) {
      return {
        ok: false,
        failure: failure('circuit_open', `the breaker of integration '${id}' is open; no request was sent (probe calls from ${new Date(admission.retryAt).toISOString()})`, {
          retryAfterMs: Math.max(0, admission.retryAt - start),
        }),
      };
    }
    const refuse = (f: Failure): ExecutionResult => {
      guard.breaker.record(this.clock.now(), 'neutral', admission.probe);
      return { ok: false, failure: f };
    };
    if (!c.isRetry) guard.budget.noteFirstAttempt(start);
    const deadline = start + c.timeoutMs;
    if (guard.limiter) {
      const reservation = guard.limiter.reserve(start, c.timeoutMs);
      if (!reservation.ok) {
        return refuse(failure('rate_limited', `integration '${id}' is over its rate limit; no request was sent`, { retryAfterMs: reservation.retryAfterMs }));
      }
      if (reservation.waitMs > 0 && !(await this.sleep(start + reservation.waitMs, c.signal))) {
        return refuse(failure('cancelled', 'the run was cancelled while waiting for its rate limit'));
      }
    }
    let release: (() => void) | undefined;
    if (guard.bulkhead) {
      const entry = await guard.bulkhead.enter(deadline, c.signal);
      if (!entry.ok) {
        const { maxConcurrent, maxQueue } = guard.bulkhead.usage;
        if (entry.reason === 'aborted') return refuse(failure('cancelled', 'the run was cancelled while waiting for a free slot'));
        return refuse(
          failure(
            'rate_limited',
            entry.reason === 'full'
              ? `integration '${id}' has ${maxConcurrent} calls in flight and ${maxQueue} waiting (its bulkhead); no request was sent`
              : `no free slot of integration '${id}' within ${c.timeoutMs} ms (its bulkhead allows ${maxConcurrent} calls in flight); no request was sent`,
          ),
        );
      }
      release = entry.release;
    }
    try {
      const result = await send();
      guard.breaker.record(this.clock.now(), verdictOf(result), admission.probe);
      return result;
    } finally {
      release?.();
    }
  }

  /** Takes a retry from the integration's budget; false (and nothing taken) when it is spent. */
  allowRetry(integrationId: string): boolean {
    // No guard: the integration was never called (the attempt failed before), so nothing to protect.
    return this.guards.get(integrationId)?.budget.tryRetry(this.clock.now()) ?? true;
  }

  status(integrationId: string): IntegrationGuardStatus | undefined {
    const guard = this.guards.get(integrationId);
    if (!guard) {
      const restored = this.restored.get(integrationId);
      if (!restored) return undefined;
      // Not called since the restart: what the store says, with nothing counted yet.
      return {
        integrationId,
        breaker: { enabled: true, state: restored.state === 'half_open' ? 'open' : restored.state, since: restored.at, retryAt: null, window: { calls: 0, failures: 0 }, consecutiveFailures: 0 },
        bulkhead: null,
        retryBudget: { enabled: true, firstAttempts: 0, retries: 0, allowed: 0 },
      };
    }
    const now = this.clock.now();
    return {
      integrationId,
      breaker: { enabled: guard.breakerEnabled, ...guard.breaker.snapshot(now) },
      bulkhead: guard.bulkhead ? guard.bulkhead.usage : null,
      retryBudget: { enabled: guard.budgetEnabled, ...guard.budget.snapshot(now) },
    };
  }

  /** The status of an integration's guard, built (with any restored state) if it was not yet. */
  statusFor(integration: IntegrationRecord): IntegrationGuardStatus {
    this.guardFor(integration);
    return this.status(integration.id)!;
  }

  /** A deleted integration's guard goes: one created again under its id starts closed. */
  forget(integrationId: string): void {
    this.guards.delete(integrationId);
    this.restored.delete(integrationId);
  }

  /** Integrations with a guard or a restored state. */
  ids(): string[] {
    return [...new Set([...this.guards.keys(), ...this.restored.keys()])].sort();
  }

  private guardFor(integration: IntegrationRecord): Guard {
    const existing = this.guards.get(integration.id);
    // An attempt prepared before a save may arrive after a newer one: older settings never win.
    if (existing && existing.configuredAt >= integration.updatedAt) return existing;
    const p = integration.protections ?? {};
    const breakerSettings = resolveBreakerSettings(p.breaker);
    const budgetSettings = { ...RETRY_BUDGET_DEFAULTS, ...p.retryBudget };
    const now = this.clock.now();
    if (existing) {
      existing.configuredAt = integration.updatedAt;
      existing.breakerEnabled = breakerSettings.enabled;
      existing.breaker.configure(breakerSettings, now);
      existing.budgetEnabled = budgetSettings.enabled;
      existing.budget.configure(budgetSettings);
      existing.limiter = this.limiterFor(p.rateLimit, existing.limiter, now);
      existing.bulkhead = this.bulkheadFor(p.bulkhead, existing.bulkhead);
      return existing;
    }
    const breaker = new CircuitBreaker(breakerSettings, (change) => this.onBreakerChange(integration.id, change));
    const restored = this.restored.get(integration.id);
    if (restored) {
      breaker.restore(restored.state, restored.at);
      this.restored.delete(integration.id);
    }
    const guard: Guard = {
      configuredAt: integration.updatedAt,
      breakerEnabled: breakerSettings.enabled,
      breaker,
      budget: new RetryBudget(budgetSettings),
      budgetEnabled: budgetSettings.enabled,
      limiter: this.limiterFor(p.rateLimit, undefined, now),
      bulkhead: this.bulkheadFor(p.bulkhead, undefined),
    };
    this.guards.set(integration.id, guard);
    return guard;
  }

  private limiterFor(settings: RateLimitSettings | undefined, current: RateLimiter | undefined, now: number): RateLimiter | undefined {
    if (!settings) return undefined;
    const burst = settings.burst ?? Math.max(1, Math.ceil(settings.perSecond));
    if (!current) return new RateLimiter(settings.perSecond, burst, now);
    current.configure(settings.perSecond, burst);
    return current;
  }

  private bulkheadFor(settings: BulkheadSettings | undefined, current: Bulkhead | undefined): Bulkhead | undefined {
    if (!settings) return undefined;
    const maxQueue = settings.maxQueue ?? BULKHEAD_DEFAULTS.maxQueue;
    if (!current) return new Bulkhead(settings.maxConcurrent, maxQueue, this.clock);
    current.configure(settings.maxConcurrent, maxQueue);
    return current;
  }

  /** Waits until `at` on the engine's clock; false when the signal aborted first. */
  private sleep(at: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.clock.clearTimer(timer);
        resolve(false);
      };
      const timer = this.clock.setTimer(at, () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
