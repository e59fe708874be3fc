import { BREAKER_DEFAULTS } from '@switchyard/schema';
import type { BreakerSettings, BreakerState } from '@switchyard/schema';
import { SlidingCounts } from './sliding-counts.js';

export type ResolvedBreakerSettings = Required<BreakerSettings>;

export function resolveBreakerSettings(settings: BreakerSettings | undefined): ResolvedBreakerSettings {
  return { ...BREAKER_DEFAULTS, ...settings };
}

/** What a call taught the breaker: availability failures count against it, success for it; the rest says nothing. */
export type CallVerdict = 'success' | 'failure' | 'neutral';

export type Admission = { ok: true; probe: boolean } | { ok: false; retryAt: number };

export interface BreakerChange {
  from: BreakerState;
  to: BreakerState;
  at: number;
  reason: string;
}

export interface BreakerSnapshot {
  state: BreakerState;
  /** When the state was entered (null: closed since the engine started). */
  since: number | null;
  /** While open: when probe calls will be let through. */
  retryAt: number | null;
  window: { calls: number; failures: number };
  consecutiveFailures: number;
}

/**
 * One integration's circuit breaker (semantics.md "Isolation of integrations"): closed, it
 * counts calls in a sliding window and opens on a failure rate over enough calls, or on a run of
 * consecutive failures; open, it refuses every call until its cool-down has passed; half-open,
 * it lets a few probe calls through: a success closes it, a failure opens it again.
 * Time comes from the caller. Every change of state is handed to `onChange` (to be stored).
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private since: number | null = null;
  private openedAt = 0;
  private probesInFlight = 0;
  private consecutive = 0;
  private counts: SlidingCounts<'calls' | 'failures'>;

  constructor(
    private settings: ResolvedBreakerSettings,
    private readonly onChange: (change: BreakerChange) => void,
  ) {
    this.counts = new SlidingCounts(['calls', 'failures'], settings.windowMs);
  }

  /** New settings keep the state; a new window length starts the count afresh. */
  configure(settings: ResolvedBreakerSettings, now: number): void {
    if (settings.windowMs !== this.settings.windowMs) this.counts = new SlidingCounts(['calls', 'failures'], settings.windowMs);
    this.settings = settings;
    if (!settings.enabled && this.state !== 'closed') this.move('closed', now, 'the breaker was switched off');
  }

  /** A state read back from the store after a restart: an open breaker keeps its cool-down. */
  restore(state: BreakerState, at: number): void {
    this.state = state === 'half_open' ? 'open' : state;
    this.since = at;
    this.openedAt = at;
  }

  admit(now: number): Admission {
    if (!this.settings.enabled) return { ok: true, probe: false };
    if (this.state === 'open') {
      const retryAt = this.openedAt + this.settings.coolDownMs;
      if (now < retryAt) return { ok: false, retryAt };
      this.move('half_open', now, 'cool-down over: letting probe calls through');
    }
    if (this.state === 'half_open') {
      // Probes already out: the rest wait for their verdict rather than pile onto a sick service.
      if (this.probesInFlight >= this.settings.halfOpenProbes) return { ok: false, retryAt: now + Math.min(this.settings.coolDownMs, 1_000) };
      this.probesInFlight += 1;
      return { ok: true, probe: true };
    }
    return { ok: true, probe: false };
  }

  /** The end of a call `admit` let through. */
  record(now: number, verdict: CallVerdict, probe: boolean): void {
    if (probe) this.probesInFlight = Math.max(0, this.probesInFlight - 1);
    if (!this.settings.enabled || verdict === 'neutral') return;
    if (this.state === 'half_open') {
      if (!probe) return;
      if (verdict === 'success') this.move('closed', now, 'a probe call succeeded');
      else this.open(now, 'a probe call failed');
      return;
    }
    // A call let through before the breaker opened, ending after: it does not count again.
    if (this.state === 'open') return;
    this.counts.add('calls', now);
    if (verdict === 'success') {
      this.consecutive = 0;
      return;
    }
    this.counts.add('failures', now);
    this.consecutive += 1;
    const { consecutiveFailures, minimumCalls, failureRate, windowMs } = this.settings;
    if (this.consecutive >= consecutiveFailures) {
      this.open(now, `${this.consecutive} availability failures in a row`);
      return;
    }
    const { calls, failures } = this.counts.totals(now);
    if (calls >= minimumCalls && failures / calls >= failureRate) {
      this.open(now, `${failures} of ${calls} calls failed within ${Math.round(windowMs / 1000)} s`);
    }
  }

  snapshot(now: number): BreakerSnapshot {
    const window = this.counts.totals(now);
    return {
      state: this.state,
      since: this.since,
      retryAt: this.state === 'open' ? this.openedAt + this.settings.coolDownMs : null,
      window: { calls: window.calls, failures: window.failures },
      consecutiveFailures: this.consecutive,
    };
  }

  private open(now: number, reason: string): void {
    this.openedAt = now;
    this.move('open', now, reason);
  }

  private move(to: BreakerState, now: number, reason: string): void {
    const from = this.state;
    this.state = to;
    this.since = now;
    if (to === 'closed') {
      this.consecutive = 0;
      this.counts.clear();
    }
    if (to !== 'half_open') this.probesInFlight = 0;
    this.onChange({ from, to, at: now, reason });
  }
}
