/**
 * The backoff formula of workflow-format.md, written once: the engine waits by it and the
 * editor's retry preview shows it. No runtime imports, so a client loads it without zod
 * (`@switchyard/schema/backoff`).
 */
import type { Backoff } from './workflow.js';

/** The fields of a retry policy the formula reads, defaults already applied. */
export interface BackoffSettings {
  readonly backoff: Backoff;
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
}

/**
 * The delay before retry `n` (n = 1 for the first retry), before jitter:
 * `min(maxDelayMs, initialDelayMs * multiplier^(n-1))`, or `min(maxDelayMs, initialDelayMs)` when fixed.
 */
export function backoffDelay(settings: BackoffSettings, n: number): number {
  if (settings.backoff === 'fixed') return Math.min(settings.maxDelayMs, settings.initialDelayMs);
  return Math.min(settings.maxDelayMs, settings.initialDelayMs * settings.multiplier ** (n - 1));
}
