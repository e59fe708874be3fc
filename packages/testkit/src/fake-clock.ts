import type { Clock, TimerHandle } from '@switchyard/engine';

interface PendingTimer {
  readonly handle: TimerHandle;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * Business time that moves only when a test says so. Timers fire during `advance`/`advanceTo`,
 * never on their own, so a test decides exactly when the engine wakes.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  // Kept in insertion order; ties on `at` fire in the order they were set.
  #timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const handle: TimerHandle = { id: this.#nextId++ };
    this.#timers.push({ handle, at, fn });
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.handle.id !== handle.id);
  }

  /** Real time: a deadline guards a call on a real socket, whose other end does not see the fake time. */
  deadline(ms: number): AbortSignal {
    return AbortSignal.timeout(ms);
  }

  /** Not time at all: the event loop's next turn, as in production. */
  afterIo(fn: () => void): void {
    setImmediate(fn);
  }

  /** Moves time forward by `ms`, firing every timer due within the window at its own due time. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`FakeClock.advance needs a finite ms >= 0, got ${ms}`);
    this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `t`; timers set by callbacks fire too when they fall within the window. */
  advanceTo(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`FakeClock.advanceTo needs a finite time, got ${t}`);
    if (t < this.#now) throw new RangeError(`FakeClock cannot go back in time (now ${this.#now}, asked ${t})`);
    for (let timer = this.#takeDue(t); timer !== undefined; timer = this.#takeDue(t)) {
      // A timer set for a time already past fires now: time never moves backwards.
      this.#now = Math.max(this.#now, timer.at);
      timer.fn();
    }
    this.#now = t;
  }

  nextTimerAt(): number | undefined {
    return this.#earliest()?.at;
  }

  pendingTimers(): number {
    return this.#timers.length;
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers) if (best === undefined || timer.at < best.at) best = timer;
    return best;
  }

  #takeDue(limit: number): PendingTimer | undefined {
    const timer = this.#earliest();
    if (timer === undefined || timer.at > limit) return undefined;
    this.#timers = this.#timers.filter((t) => t !== timer);
    return timer;
  }
}
