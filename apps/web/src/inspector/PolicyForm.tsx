import { ERROR_CATEGORIES, RETRY_DEFAULTS, RETRYABLE_BY_DEFAULT, type ErrorCategory } from '@switchyard/schema/constants';
import type { NodePolicy, RetryPolicy } from '@switchyard/schema';
import { retryPreview } from '../graph/retry';
import type { CanvasNode } from '../graph/model';
import { CheckboxField, NumberField, SelectField, TextField } from './Fields';

export interface FallbackSummary {
  id: string;
  target: string;
  order: number;
  on: readonly string[] | undefined;
}

export interface PolicyFormProps {
  node: CanvasNode;
  canFail: boolean;
  fallbacks: readonly FallbackSummary[];
  onPolicy: (policy: NodePolicy | undefined, field: string) => void;
  onRetry: (retry: RetryPolicy | undefined, field: string) => void;
  onSelectEdge?: (edgeId: string) => void;
}

/** A new retry starts from the spec's example numbers: short, bounded, clearly visible. */
export const NEW_RETRY: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 500, maxDelayMs: 5000 };

function setKey<T extends object, K extends keyof T>(obj: T | undefined, key: K, value: T[K] | undefined): T {
  const next = { ...(obj ?? {}) } as T;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * Sets the backoff. A fixed backoff waits `initialDelayMs` every time, so the exponential-only
 * fields (hidden for it) are dropped instead of being saved invisibly.
 */
export function withBackoff(retry: RetryPolicy, backoff: RetryPolicy['backoff'] | undefined): RetryPolicy {
  const next = setKey(retry, 'backoff', backoff);
  if (backoff === 'fixed') {
    delete next.multiplier;
    delete next.maxDelayMs;
  }
  return next;
}

/** The On failure tab: timeout, retry with a live preview, fallbacks, last known good, defer, optional step. */
export function PolicyForm({ node, canFail, fallbacks, onPolicy, onRetry, onSelectEdge }: PolicyFormProps) {
  const policy = node.policy;
  const retry = node.retry?.policy;
  const setPolicy = <K extends keyof NodePolicy>(key: K, value: NodePolicy[K] | undefined): void => onPolicy(setKey(policy, key, value), String(key));
  const setRetryKey = <K extends keyof RetryPolicy>(key: K, value: RetryPolicy[K] | undefined): void => {
    if (retry) onRetry(setKey(retry, key, value), `retry.${String(key)}`);
  };
  const retryOn = retry?.on ?? [...RETRYABLE_BY_DEFAULT];
  const toggleRetryOn = (category: ErrorCategory, checked: boolean): void => {
    const next = checked ? [...new Set([...retryOn, category])] : retryOn.filter((c) => c !== category);
    setRetryKey('on', next.length === 0 ? undefined : ERROR_CATEGORIES.filter((c) => next.includes(c)));
  };

  return (
    <div className="policy-form" data-testid="policy-form">
      <NumberField name="timeoutMs" label="Timeout per attempt (ms)" value={policy?.timeoutMs} min={1} max={3_600_000} placeholder="integration's, else 30000" onChange={(v) => setPolicy('timeoutMs', v)} />

      <fieldset className="fieldset fieldset--retry">
        <legend>Retry</legend>
        {!canFail ? (
          <p className="muted">This node type cannot fail, so it is never retried.</p>
        ) : (
          <>
            <CheckboxField name="retry-enabled" label="Retry this node on failure" checked={retry !== undefined} onChange={(on) => onRetry(on ? NEW_RETRY : undefined, 'retry')} />
            {retry && (
              <>
                <NumberField name="retry-maxAttempts" label="Attempts in all (first included)" value={retry.maxAttempts} min={1} max={100} onChange={(v) => onRetry({ ...retry, maxAttempts: v ?? 1 }, 'retry.maxAttempts')} />
                <SelectField name="retry-backoff" label="Backoff" value={retry.backoff} options={['exponential', 'fixed']} emptyLabel={`(default: ${RETRY_DEFAULTS.backoff})`} onChange={(v) => onRetry(withBackoff(retry, v as RetryPolicy['backoff']), 'retry.backoff')} />
                <NumberField name="retry-initialDelayMs" label="First delay (ms)" value={retry.initialDelayMs} min={0} placeholder={String(RETRY_DEFAULTS.initialDelayMs)} onChange={(v) => setRetryKey('initialDelayMs', v)} />
                {(retry.backoff ?? RETRY_DEFAULTS.backoff) === 'exponential' && (
                  <>
                    <NumberField name="retry-multiplier" label="Multiplier" value={retry.multiplier} min={1} step={0.5} placeholder={String(RETRY_DEFAULTS.multiplier)} onChange={(v) => setRetryKey('multiplier', v)} />
                    <NumberField name="retry-maxDelayMs" label="Longest delay (ms)" value={retry.maxDelayMs} min={0} placeholder={String(RETRY_DEFAULTS.maxDelayMs)} onChange={(v) => setRetryKey('maxDelayMs', v)} />
                  </>
                )}
                <SelectField name="retry-jitter" label="Jitter" value={retry.jitter} options={['full', 'equal', 'none']} emptyLabel={`(default: ${RETRY_DEFAULTS.jitter})`} onChange={(v) => setRetryKey('jitter', v as RetryPolicy['jitter'])} />
                <div className="field">
                  <span className="field__label">Retried on</span>
                  <div className="category-grid">
                    {ERROR_CATEGORIES.map((c) => (
                      <label key={c} className="category">
                        <input type="checkbox" data-testid={`field-retry-on-${c}`} checked={retryOn.includes(c)} onChange={(e) => toggleRetryOn(c, e.target.checked)} /> {c}
                      </label>
                    ))}
                  </div>
                </div>
                <div className="retry-preview" data-testid="retry-preview" aria-live="polite">
                  ↻ {retryPreview(retry, fallbacks.length > 0)}
                </div>
              </>
            )}
          </>
        )}
      </fieldset>

      <fieldset className="fieldset fieldset--fallback">
        <legend>Fallbacks</legend>
        {fallbacks.length === 0 ? (
          <p className="muted">None. Drag from the orange failure handle (bottom right of the card) to a node that stands in for this one.</p>
        ) : (
          <ol className="fallback-list">
            {fallbacks.map((f) => (
              <li key={f.id}>
                <button type="button" className="link" onClick={() => onSelectEdge?.(f.id)}>
                  #{f.order} → {f.target}
                </button>{' '}
                <span className="muted">on {f.on ? f.on.join(', ') : 'any failure but cancelled'}</span>
              </li>
            ))}
          </ol>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>When all else fails</legend>
        <SelectField name="onFailure" label="Then" value={policy?.onFailure} options={['fail', 'continue']} emptyLabel="(default: fail the run)" onChange={(v) => setPolicy('onFailure', v as NodePolicy['onFailure'])} hint="continue: an optional step; the run goes on" />
        <CheckboxField name="lkg-enabled" label="Use last known good output" checked={policy?.lastKnownGood !== undefined} onChange={(on) => setPolicy('lastKnownGood', on ? { maxAgeMs: 86_400_000 } : undefined)} />
        {policy?.lastKnownGood && (
          <>
            <NumberField name="lkg-maxAgeMs" label="If younger than (ms)" value={policy.lastKnownGood.maxAgeMs} min={1} onChange={(v) => v !== undefined && setPolicy('lastKnownGood', { ...policy.lastKnownGood, maxAgeMs: v } as NodePolicy['lastKnownGood'])} />
            <TextField name="lkg-key" label="Cache key (template)" template value={policy.lastKnownGood.key ?? ''} onChange={(t) => setPolicy('lastKnownGood', setKey(policy.lastKnownGood, 'key', t === '' ? undefined : t))} />
          </>
        )}
        <CheckboxField name="defer-enabled" label="Wait for the integration to recover" checked={policy?.defer !== undefined} onChange={(on) => setPolicy('defer', on ? { maxWaitMs: 3_600_000 } : undefined)} />
        {policy?.defer && (
          <>
            <NumberField name="defer-maxWaitMs" label="At most (ms)" value={policy.defer.maxWaitMs} min={1} onChange={(v) => v !== undefined && setPolicy('defer', { ...policy.defer, maxWaitMs: v } as NodePolicy['defer'])} />
            <NumberField name="defer-checkEveryMs" label="Check every (ms)" value={policy.defer.checkEveryMs} min={1} placeholder="30000" onChange={(v) => setPolicy('defer', setKey(policy.defer, 'checkEveryMs', v))} />
          </>
        )}
        <TextField name="idempotencyKey" label="Idempotency key (template)" template value={policy?.idempotencyKey ?? ''} placeholder="$run.id:$node.id:$node.epoch" onChange={(t) => setPolicy('idempotencyKey', t === '' ? undefined : t)} />
      </fieldset>
    </div>
  );
}
