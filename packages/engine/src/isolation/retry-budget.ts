import type { RetryBudgetSettings } from '@switchyard/schema';
import { SlidingCounts } from './sliding-counts.js';

export type ResolvedRetryBudgetSettings = Required<RetryBudgetSettings>;

/**
 * Retries may add at most `ratio` of the window's first attempts, with a floor of
 * `minPerMinute` so quiet integrations still retry (semantics.md "Retry budget"): when an
 * integration fails for everyone, retries stop growing its load into a retry storm.
 */
export class RetryBudget {
  private counts: SlidingCounts<'firsts' | 'retries'>;

  constructor(private settings: ResolvedRetryBudgetSettings) {
    this.counts = new SlidingCounts(['firsts', 'retries'], settings.windowMs);
  }

  configure(settings: ResolvedRetryBudgetSettings): void {
    if (settings.windowMs !== this.settings.windowMs) this.counts = new SlidingCounts(['firsts', 'retries'], settings.windowMs);
    this.settings = settings;
  }

  /** A first attempt (not a retry) was sent: it earns the budget its share. */
  noteFirstAttempt(now: number): void {
    this.counts.add('firsts', now);
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryRetry(now: number): boolean {
    if (!this.settings.enabled) return true;
    const { firsts, retries } = this.counts.totals(now);
    if (retries >= this.allowance(firsts)) return false;
    this.counts.add('retries', now);
    return true;
  }

  snapshot(now: number): { firstAttempts: number; retries: number; allowed: number } {
    const { firsts, retries } = this.counts.totals(now);
    return { firstAttempts: firsts, retries, allowed: this.allowance(firsts) };
  }

  private allowance(firsts: number): number {
    const floor = (this.settings.minPerMinute * this.settings.windowMs) / 60_000;
    return Math.max(Math.floor(floor), Math.floor(firsts * this.settings.ratio));
  }
}
