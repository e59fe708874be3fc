import { useId, useState, type ReactNode } from 'react';
import { bodyOf, formOf, type IntegrationForm as Form } from './integration-form-model';
import { FieldRow } from '../inspector/Fields';
import type { Integration, OpsApi } from './ops-api';
import { useApiForm } from './useApiForm';

/**
 * Registers an integration or changes it: its base URL, timeout, credential and protections
 * (breaker, bulkhead, rate limit, retry budget). Left empty, a setting takes the server's default;
 * a refused field is named next to it.
 */
export function IntegrationForm({ api, integration, onSaved, onCancel }: { api: OpsApi; integration?: Integration; onSaved: (saved: Integration) => void; onCancel: () => void }) {
  const creating = integration === undefined;
  const [form, setForm] = useState<Form>(() => formOf(integration));
  const { submit, saving, error, issues } = useApiForm();
  const set = <K extends keyof Form>(key: K, value: Form[K]): void => setForm((f) => ({ ...f, [key]: value }));
  const save = (): Promise<void> =>
    submit(async () => {
      const body = bodyOf(form, creating);
      onSaved(creating ? await api.createIntegration(body) : await api.updateIntegration(integration.id, body));
    });

  const field = (key: keyof Form, label: string, path: string, props: { placeholder?: string; hint?: string; type?: string } = {}): ReactNode => (
    <TextInput key={key} label={label} value={String(form[key])} onChange={(v) => set(key, v as never)} error={issues.get(path)} testId={`integration-${key}`} {...props} />
  );
  const toggle = (key: keyof Form, label: string): ReactNode => (
    <label className="ops-form__toggle">
      <input type="checkbox" checked={Boolean(form[key])} onChange={(e) => set(key, e.target.checked as never)} data-testid={`integration-${key}`} /> {label}
    </label>
  );

  return (
    <form
      className="ops-form"
      data-testid="integration-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="ops-form__grid">
        <fieldset>
          <legend>{creating ? 'New integration' : `Integration ${integration.id}`}</legend>
          {creating && field('id', 'Id', 'id', { placeholder: 'payments', hint: 'lower-case letters, digits and _; workflows name it' })}
          {field('name', 'Name', 'name')}
          {field('baseUrl', 'Base URL', 'baseUrl', { placeholder: 'https://api.example.com' })}
          {field('timeoutMs', 'Timeout (ms)', 'timeoutMs', { placeholder: '30000' })}
          {field('credential', 'Credential', 'credential', { placeholder: 'a credential id' })}
        </fieldset>
        <fieldset>
          <legend>Circuit breaker</legend>
          {toggle('breakerOff', 'Off (calls are never refused)')}
          {!form.breakerOff && (
            <>
              {field('consecutiveFailures', 'Opens after failures in a row', 'breaker.consecutiveFailures', { placeholder: '10' })}
              {field('failureRatePercent', 'or failing share (%)', 'breaker.failureRate', { placeholder: '50' })}
              {field('minimumCalls', 'of at least calls', 'breaker.minimumCalls', { placeholder: '20' })}
              {field('coolDownMs', 'Cool-down before a probe (ms)', 'breaker.coolDownMs', { placeholder: '30000' })}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Bulkhead and rate limit</legend>
          {toggle('bulkhead', 'Bulkhead: limit calls in flight')}
          {form.bulkhead && (
            <>
              {field('maxConcurrent', 'Calls in flight at most', 'bulkhead.maxConcurrent', { placeholder: '10' })}
              {field('maxQueue', 'Waiting at most', 'bulkhead.maxQueue', { placeholder: '100' })}
            </>
          )}
          {toggle('rateLimit', 'Rate limit: space calls out')}
          {form.rateLimit && (
            <>
              {field('perSecond', 'Calls a second', 'rateLimit.perSecond', { placeholder: '5' })}
              {field('burst', 'Burst', 'rateLimit.burst')}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Retry budget</legend>
          {toggle('retryBudgetOff', 'Off (retries are never refused)')}
          {!form.retryBudgetOff && (
            <>
              {field('retryRatioPercent', 'Retries at most (% of first attempts)', 'retryBudget.ratio', { placeholder: '20' })}
              {field('retryMinPerMinute', 'but always a minute', 'retryBudget.minPerMinute', { placeholder: '10' })}
            </>
          )}
        </fieldset>
      </div>
      {error && (
        <p className="ops-error" role="alert">
          {error}
        </p>
      )}
      <div className="ops-form__actions">
        <button type="submit" className="btn btn--primary" disabled={saving} data-testid="integration-save">
          {creating ? 'Register' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TextInput({ label, value, onChange, error, placeholder, hint, testId }: { label: string; value: string; onChange: (value: string) => void; error?: string | undefined; placeholder?: string; hint?: string; testId: string }) {
  const id = useId();
  return (
    <FieldRow label={label} htmlFor={id} hint={hint} error={error}>
      <input id={id} className="input" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-invalid={error ? true : undefined} />
    </FieldRow>
  );
}
