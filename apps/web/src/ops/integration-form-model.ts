import type { Integration } from './ops-api';

/**
 * The integration form's model: every field as the text typed, so a half-typed number is kept,
 * and the API body built from it. Empty fields are left out (the server's defaults apply).
 */
export interface IntegrationForm {
  id: string;
  name: string;
  baseUrl: string;
  timeoutMs: string;
  credential: string;
  breakerOff: boolean;
  consecutiveFailures: string;
  failureRatePercent: string;
  minimumCalls: string;
  coolDownMs: string;
  bulkhead: boolean;
  maxConcurrent: string;
  maxQueue: string;
  rateLimit: boolean;
  perSecond: string;
  burst: string;
  retryBudgetOff: boolean;
  retryRatioPercent: string;
  retryMinPerMinute: string;
}

const text = (value: unknown): string => (typeof value === 'number' ? String(value) : '');

export function formOf(integration: Integration | undefined): IntegrationForm {
  const breaker = (integration?.breaker ?? {}) as Record<string, unknown>;
  const budget = (integration?.retryBudget ?? {}) as Record<string, unknown>;
  return {
    id: integration?.id ?? '',
    name: integration?.name ?? '',
    baseUrl: integration?.baseUrl ?? '',
    timeoutMs: text(integration?.timeoutMs),
    credential: integration?.credential ?? '',
    breakerOff: breaker.enabled === false,
    consecutiveFailures: text(breaker.consecutiveFailures),
    failureRatePercent: typeof breaker.failureRate === 'number' ? String(Math.round(breaker.failureRate * 100)) : '',
    minimumCalls: text(breaker.minimumCalls),
    coolDownMs: text(breaker.coolDownMs),
    bulkhead: integration?.bulkhead != null,
    maxConcurrent: text(integration?.bulkhead?.maxConcurrent),
    maxQueue: text(integration?.bulkhead?.maxQueue),
    rateLimit: integration?.rateLimit != null,
    perSecond: text(integration?.rateLimit?.perSecond),
    burst: text(integration?.rateLimit?.burst),
    retryBudgetOff: budget.enabled === false,
    retryRatioPercent: typeof budget.ratio === 'number' ? String(Math.round(budget.ratio * 100)) : '',
    retryMinPerMinute: text(budget.minPerMinute),
  };
}

/** A typed number, a number the server will refuse if it is not one (so the error is the server's, located). */
const num = (value: string): number | string | undefined => {
  const t = value.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
};
const pct = (value: string): number | string | undefined => {
  const n = num(value);
  return typeof n === 'number' ? n / 100 : n;
};

function defined(entries: Record<string, unknown>): Record<string, unknown> | undefined {
  const out = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The body of `POST /api/integrations` (with the id) or `PUT /api/integrations/:id` (without). */
export function bodyOf(form: IntegrationForm, creating: boolean): Record<string, unknown> {
  const breaker = defined({
    enabled: form.breakerOff ? false : undefined,
    consecutiveFailures: num(form.consecutiveFailures),
    failureRate: pct(form.failureRatePercent),
    minimumCalls: num(form.minimumCalls),
    coolDownMs: num(form.coolDownMs),
  });
  const retryBudget = defined({ enabled: form.retryBudgetOff ? false : undefined, ratio: pct(form.retryRatioPercent), minPerMinute: num(form.retryMinPerMinute) });
  return {
    ...(creating ? { id: form.id.trim() } : {}),
    name: form.name.trim(),
    baseUrl: form.baseUrl.trim(),
    ...(num(form.timeoutMs) === undefined ? {} : { timeoutMs: num(form.timeoutMs) }),
    ...(form.credential.trim() === '' ? {} : { credential: form.credential.trim() }),
    ...(breaker ? { breaker } : {}),
    ...(form.bulkhead ? { bulkhead: defined({ maxConcurrent: num(form.maxConcurrent), maxQueue: num(form.maxQueue) }) ?? {} } : {}),
    ...(form.rateLimit ? { rateLimit: defined({ perSecond: num(form.perSecond), burst: num(form.burst) }) ?? {} } : {}),
    ...(retryBudget ? { retryBudget } : {}),
  };
}
