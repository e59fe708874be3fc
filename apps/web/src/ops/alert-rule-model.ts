/**
 * The alert rule form's model: the condition's fields and the escalation levels as typed, and the
 * API body built from them (http-api.md "alert rules"; shapes in docs/engine.md "Alerts").
 */

export type ConditionKind = 'breaker_opened' | 'credential_locked' | 'run_needs_attention' | 'failure_rate' | 'latency';
export type ChannelKind = 'webhook' | 'email' | 'workflow';

export interface ChannelRow {
  kind: ChannelKind;
  /** The URL, the addresses (comma-separated) or the workflow id. */
  target: string;
  /** A webhook's signing credential (a `whsec_` hmac credential): the alerts are signed as Standard Webhooks. */
  signing?: string;
}

export interface LevelRow {
  /** Minutes after the alert opened; the first level is 0. */
  afterMinutes: string;
  channels: ChannelRow[];
}

export interface AlertRuleForm {
  id: string;
  name: string;
  kind: ConditionKind;
  /** The integration, credential or workflow the rule watches; empty: any (where allowed). */
  subject: string;
  /** failure_rate: percent; latency: milliseconds. */
  threshold: string;
  levels: LevelRow[];
}

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  breaker_opened: 'an integration’s breaker opens',
  credential_locked: 'a credential is locked',
  run_needs_attention: 'runs need attention',
  failure_rate: 'an integration’s failure rate is above',
  latency: 'an integration’s p95 latency is above',
};

export function emptyRuleForm(): AlertRuleForm {
  return { id: '', name: '', kind: 'breaker_opened', subject: '', threshold: '', levels: [{ afterMinutes: '0', channels: [{ kind: 'webhook', target: '' }] }] };
}

const num = (value: string): number | string => {
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : value.trim();
};

function condition(form: AlertRuleForm): Record<string, unknown> {
  const subject = form.subject.trim();
  switch (form.kind) {
    case 'breaker_opened':
      return { kind: form.kind, ...(subject ? { integration: subject } : {}) };
    case 'credential_locked':
      return { kind: form.kind, ...(subject ? { credential: subject } : {}) };
    case 'run_needs_attention':
      return { kind: form.kind, ...(subject ? { workflowId: subject } : {}) };
    case 'failure_rate': {
      const t = num(form.threshold);
      return { kind: form.kind, integration: subject, above: typeof t === 'number' ? t / 100 : t };
    }
    case 'latency':
      return { kind: form.kind, integration: subject, aboveMs: num(form.threshold) };
  }
}

function channel(row: ChannelRow): Record<string, unknown> {
  const target = row.target.trim();
  const signing = row.signing?.trim() ?? '';
  if (row.kind === 'webhook') return { kind: 'webhook', url: target, ...(signing ? { credential: signing } : {}) };
  if (row.kind === 'workflow') return { kind: 'workflow', workflowId: target };
  return { kind: 'email', to: target.split(',').map((a) => a.trim()).filter((a) => a !== '') };
}

export function ruleBody(form: AlertRuleForm): Record<string, unknown> {
  return {
    ...(form.id.trim() ? { id: form.id.trim() } : {}),
    name: form.name.trim(),
    condition: condition(form),
    levels: form.levels.map((level) => {
      const minutes = num(level.afterMinutes);
      return { afterMs: typeof minutes === 'number' ? Math.round(minutes * 60_000) : minutes, channels: level.channels.map(channel) };
    }),
  };
}
