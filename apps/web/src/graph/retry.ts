import { RETRY_DEFAULTS } from '@switchyard/schema/constants';
import type { RetryPolicy } from '@switchyard/schema';

/**
 * Retry arithmetic for the editor's labels and the live preview; the formula is the one of
 * workflow-format.md (`d = min(maxDelayMs, initialDelayMs * multiplier^(n-1))`), before jitter.
 */
export function retryDelays(policy: RetryPolicy): number[] {
  const backoff = policy.backoff ?? RETRY_DEFAULTS.backoff;
  const initial = policy.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs;
  const multiplier = policy.multiplier ?? RETRY_DEFAULTS.multiplier;
  const cap = policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const delays: number[] = [];
  for (let n = 1; n < policy.maxAttempts; n++) {
    delays.push(backoff === 'fixed' ? initial : Math.min(cap, initial * multiplier ** (n - 1)));
  }
  return delays;
}

/** `200ms` below a second, else seconds without trailing zeros: `0.2s`, `2s`, `1.5s`; minutes and hours past that. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms / 1000}s`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toFixed(1))}min`;
  return `${Number((ms / 3_600_000).toFixed(1))}h`;
}

/**
 * The badge text of workflow-format.md: `x4 exp 0.5s..30s` (initial delay .. cap, as the spec
 * labels it; the preview shows the actual delays), `x3 fixed 0.2s`.
 */
export function retryLabel(policy: RetryPolicy): string {
  const backoff = policy.backoff ?? RETRY_DEFAULTS.backoff;
  const initial = policy.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs;
  if (policy.maxAttempts <= 1) return `x${policy.maxAttempts}`;
  if (backoff === 'fixed') return `x${policy.maxAttempts} fixed ${formatDuration(initial)}`;
  const cap = policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  return `x${policy.maxAttempts} exp ${formatDuration(initial)}..${formatDuration(Math.max(initial, cap))}`;
}

/** The live preview sentence: `waits 0.2s, 0.4s, then fallback` (jitter mentioned when on). */
export function retryPreview(policy: RetryPolicy, hasFallback: boolean): string {
  const delays = retryDelays(policy);
  const end = hasFallback ? 'then fallback' : 'then fail';
  if (delays.length === 0) return `one attempt, ${end}`;
  const jitter = policy.jitter ?? RETRY_DEFAULTS.jitter;
  const note = jitter === 'none' ? '' : ` (before ${jitter} jitter)`;
  return `${policy.maxAttempts} attempts: waits ${delays.map(formatDuration).join(', ')}, ${end}${note}`;
}
