import { useState } from 'react';
import { CONDITION_LABELS, emptyRuleForm, ruleBody, type AlertRuleForm as Form, type ChannelKind, type ConditionKind, type LevelRow } from './alert-rule-model';
import type { OpsApi } from './ops-api';
import { useApiForm } from './useApiForm';

const SUBJECT_LABEL: Record<ConditionKind, string> = {
  breaker_opened: 'Integration (empty: any)',
  credential_locked: 'Credential (empty: any)',
  run_needs_attention: 'Workflow id (empty: any)',
  failure_rate: 'Integration',
  latency: 'Integration',
};
const TARGET_PLACEHOLDER: Record<ChannelKind, string> = { webhook: 'https://hooks.example.com/…', email: 'ops@example.com, lead@example.com', workflow: 'a workflow id' };

/** A new alert rule: what to watch, and who is told at each level until someone acknowledges. */
export function AlertRuleForm({ api, onSaved, onCancel }: { api: OpsApi; onSaved: () => void; onCancel: () => void }) {
  const [form, setForm] = useState<Form>(emptyRuleForm);
  const { submit, saving, error, issues } = useApiForm();
  const set = (patch: Partial<Form>): void => setForm((f) => ({ ...f, ...patch }));
  const setLevel = (i: number, patch: Partial<LevelRow>): void => set({ levels: form.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const save = (): Promise<void> =>
    submit(async () => {
      await api.createAlertRule(ruleBody(form));
      onSaved();
    });

  return (
    <form
      className="ops-form"
      data-testid="rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="ops-form__grid">
        <fieldset>
          <legend>When</legend>
          <label className="field">
            <span className="field__label">Name</span>
            <input className="input" value={form.name} onChange={(e) => set({ name: e.target.value })} data-testid="rule-name" />
          </label>
          <label className="field">
            <span className="field__label">Alert when</span>
            <select className="input" value={form.kind} onChange={(e) => set({ kind: e.target.value as ConditionKind })} data-testid="rule-kind">
              {(Object.keys(CONDITION_LABELS) as ConditionKind[]).map((k) => (
                <option key={k} value={k}>
                  {CONDITION_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {(form.kind === 'failure_rate' || form.kind === 'latency') && (
            <label className="field">
              <span className="field__label">{form.kind === 'failure_rate' ? 'Failing share (%)' : 'Milliseconds'}</span>
              <input className="input" value={form.threshold} onChange={(e) => set({ threshold: e.target.value })} data-testid="rule-threshold" />
            </label>
          )}
          <label className="field">
            <span className="field__label">{SUBJECT_LABEL[form.kind]}</span>
            <input className="input" value={form.subject} onChange={(e) => set({ subject: e.target.value })} data-testid="rule-subject" />
          </label>
        </fieldset>
        {form.levels.map((level, i) => (
          <fieldset key={i} data-testid={`rule-level-${i}`}>
            <legend>{i === 0 ? 'Tell at once' : `Level ${i + 1}: if nobody acknowledged`}</legend>
            {i > 0 && (
              <label className="field">
                <span className="field__label">after minutes</span>
                <input className="input" value={level.afterMinutes} onChange={(e) => setLevel(i, { afterMinutes: e.target.value })} data-testid={`rule-level-${i}-after`} />
              </label>
            )}
            {level.channels.map((channel, c) => (
              <div key={c} className="ops-form__channel">
                <select
                  className="input"
                  value={channel.kind}
                  onChange={(e) => setLevel(i, { channels: level.channels.map((x, k) => (k === c ? { ...x, kind: e.target.value as ChannelKind } : x)) })}
                  data-testid={`rule-level-${i}-channel-${c}-kind`}
                >
                  <option value="webhook">webhook</option>
                  <option value="email">e-mail</option>
                  <option value="workflow">workflow</option>
                </select>
                <input
                  className="input"
                  value={channel.target}
                  placeholder={TARGET_PLACEHOLDER[channel.kind]}
                  onChange={(e) => setLevel(i, { channels: level.channels.map((x, k) => (k === c ? { ...x, target: e.target.value } : x)) })}
                  data-testid={`rule-level-${i}-channel-${c}-target`}
                />
                {channel.kind === 'webhook' && (
                  <input
                    className="input"
                    value={channel.signing ?? ''}
                    placeholder="signing credential (optional, whsec_)"
                    title="An hmac credential holding a Standard Webhooks secret: each alert is signed so the receiver can verify it"
                    onChange={(e) => setLevel(i, { channels: level.channels.map((x, k) => (k === c ? { ...x, signing: e.target.value } : x)) })}
                    data-testid={`rule-level-${i}-channel-${c}-signing`}
                  />
                )}
              </div>
            ))}
            <button type="button" className="btn btn--ghost" onClick={() => setLevel(i, { channels: [...level.channels, { kind: 'webhook', target: '' }] })}>
              + channel
            </button>
          </fieldset>
        ))}
      </div>
      {error && (
        <div className="ops-error" role="alert">
          {error}
          {issues.size > 0 && (
            <ul>
              {[...issues].map(([path, message]) => (
                <li key={path}>
                  {path}: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="ops-form__actions">
        <button type="submit" className="btn btn--primary" disabled={saving} data-testid="rule-save">
          Create the rule
        </button>
        {form.levels.length < 5 && (
          <button type="button" className="btn" onClick={() => set({ levels: [...form.levels, { afterMinutes: String(15 * form.levels.length), channels: [{ kind: 'email', target: '' }] }] })} data-testid="rule-add-level">
            + escalation level
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
