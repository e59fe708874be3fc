import { backoffDelay } from '@switchyard/schema/backoff';
import { RETRY_DEFAULTS } from '@switchyard/schema/constants';
import { formatDuration } from '@switchyard/schema/durations';
import type { RetryPolicy } from '@switchyard/schema';

export { formatDuration };

/**
 * The delays before each retry, for the editor's live preview: the engine's formula
 * (the schema's `backoffDelay`), with the spec's defaults, before jitter.
 */
export function retryDelays(policy: RetryPolicy): number[] {
  const settings = {
    backoff: policy.backoff ?? RETRY_DEFAULTS.backoff,
    initialDelayMs: policy.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs,
    multiplier: policy.multiplier ?? RETRY_DEFAULTS.multiplier,
    maxDelayMs: policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
  };
  const delays: number[] = [];
  for (let n = 1; n < policy.maxAttempts; n++) delays.push(backoffDelay(settings, n));
  return delays;
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
