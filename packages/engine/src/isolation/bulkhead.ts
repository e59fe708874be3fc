import type { Clock, TimerHandle } from '../ports.js';

export type BulkheadEntry = { ok: true; release: () => void } | { ok: false; reason: 'full' | 'timeout' | 'aborted' };

interface Waiter {
  grant(): void;
}

/**
 * At most `maxConcurrent` calls in flight; up to `maxQueue` more wait their turn in order
 * (semantics.md: a slow integration cannot take every worker). A waiter gives up at its
 * deadline or when its signal aborts; a freed slot goes to the oldest waiter still waiting.
 */
export class Bulkhead {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private maxConcurrent: number,
    private maxQueue: number,
    private readonly clock: Clock,
  ) {}

  configure(maxConcurrent: number, maxQueue: number): void {
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
    while (this.inFlight < this.maxConcurrent && this.queue.length > 0) {
      this.inFlight += 1;
      this.queue.shift()!.grant();
    }
  }

  get usage(): { inFlight: number; waiting: number; maxConcurrent: number; maxQueue: number } {
    return { inFlight: this.inFlight, waiting: this.queue.length, maxConcurrent: this.maxConcurrent, maxQueue: this.maxQueue };
  }

  enter(deadline: number, signal: AbortSignal): Promise<BulkheadEntry> | BulkheadEntry {
    if (signal.aborted) return { ok: false, reason: 'aborted' };
    if (this.inFlight < this.maxConcurrent) {
      this.inFlight += 1;
      return { ok: true, release: this.releaser() };
    }
    if (this.queue.length >= this.maxQueue) return { ok: false, reason: 'full' };
    return new Promise<BulkheadEntry>((resolve) => {
      const leave = (reason: 'timeout' | 'aborted'): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        cleanup();
        resolve({ ok: false, reason });
      };
      const onAbort = (): void => leave('aborted');
      const cleanup = (): void => {
        this.clock.clearTimer(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        grant: () => {
          cleanup();
          resolve({ ok: true, release: this.releaser() });
        },
      };
      this.queue.push(waiter);
      const timer: TimerHandle = this.clock.setTimer(deadline, () => leave('timeout'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A slot is released once, whatever calls it twice. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter: nobody can overtake the queue.
      if (this.inFlight <= this.maxConcurrent && this.queue.length > 0) this.queue.shift()!.grant();
      else this.inFlight -= 1;
    };
  }
}
