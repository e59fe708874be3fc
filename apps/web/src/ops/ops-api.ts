import { requestJson } from '../request-json';
import type { ErrorBody, FetchLike } from '../request-json';
import type { Advice, AlertAnswer, AlertStatus, BreakerState, FailureClusterAnswer, InsightsAnswer, IntegrationHealthAnswer } from '@switchyard/schema';

/**
 * A typed client for the operations side of http-api.md: integrations and their health,
 * alerts, and insights. Shapes are what the server answers (ISO times as strings).
 */

export type { AlertStatus, BreakerState, Advice };
export type IntegrationHealth = IntegrationHealthAnswer;
export type Insights = InsightsAnswer;
export type FailureCluster = FailureClusterAnswer;

/** An integration as the API answers it (its protections as set; null: the defaults). */
export interface Integration {
  id: string;
  name: string;
  baseUrl: string;
  credential: string | null;
  timeoutMs: number | null;
  breaker: Record<string, unknown> | null;
  bulkhead: { maxConcurrent: number; maxQueue?: number } | null;
  rateLimit: { perSecond: number; burst?: number } | null;
  retryBudget: Record<string, unknown> | null;
  updatedAt: string;
}

export interface RecentError {
  runId: string;
  link: string;
  nodeId: string;
  at: string;
  category: string;
  message: string;
  httpStatus?: number;
}

/** The parts of an alert's context the pages show (the server sends them as JSON; see docs/engine.md "Alerts"). */
export interface AlertContext {
  recentErrors?: RecentError[];
  runs?: Array<{ runId: string; link: string; at: string }>;
  errorsByCategory?: Record<string, number>;
  breaker?: { state: BreakerState };
}

export type Alert = Omit<AlertAnswer, 'context'> & { context: AlertContext };

export interface AlertRuleSummary {
  id: string;
  name: string;
  enabled: boolean;
  condition: { kind: string; [key: string]: unknown };
  levels: Array<{ afterMs: number; channels: Array<{ kind: string }> }>;
}

export class OpsApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** A refused body's issues, located by path (http-api.md "Errors"). */
    readonly issues: Array<{ path: Array<string | number>; message: string }> = [],
  ) {
    super(message);
    this.name = 'OpsApiError';
  }
}

const enc = encodeURIComponent;

export function createOpsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  const request = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> =>
    requestJson<T>(fetchImpl, method, path, body, (status: number, error: ErrorBody) => new OpsApiError(status, error.code, error.message, issuesOf(error.details)));
  return {
    integrations: () => request<{ items: Integration[] }>('GET', '/api/integrations').then((r) => r.items),
    createIntegration: (body: Record<string, unknown>) => request<Integration>('POST', '/api/integrations', body),
    updateIntegration: (id: string, body: Record<string, unknown>) => request<Integration>('PUT', `/api/integrations/${enc(id)}`, body),
    health: (id: string, window = '1h') => request<IntegrationHealth>('GET', `/api/integrations/${enc(id)}/health?window=${enc(window)}`),
    alerts: (status?: AlertStatus) => request<{ items: Alert[] }>('GET', `/api/alerts${status ? `?status=${status}` : ''}`).then((r) => r.items),
    acknowledge: (id: string) => request<Alert>('POST', `/api/alerts/${enc(id)}/ack`),
    alertRules: () => request<{ items: AlertRuleSummary[] }>('GET', '/api/alert-rules').then((r) => r.items),
    createAlertRule: (body: Record<string, unknown>) => request<AlertRuleSummary>('POST', '/api/alert-rules', body),
    insights: (window = '24h') => request<Insights>('GET', `/api/insights?window=${enc(window)}`),
    applyAdvice: (id: string) => request<{ workflow: { id: string; version: number } }>('POST', `/api/insights/advice/${enc(id)}/apply`),
  };
}

export type OpsApi = ReturnType<typeof createOpsApi>;

function issuesOf(details: Record<string, unknown> | undefined): OpsApiError['issues'] {
  const issues = details?.issues;
  return Array.isArray(issues) ? issues.filter((i): i is OpsApiError['issues'][number] => typeof i === 'object' && i !== null && Array.isArray((i as { path?: unknown }).path)) : [];
}

/** Plain words for an error, with the next step where there is one. */
export function opsErrorMessage(error: unknown): string {
  if (error instanceof OpsApiError && error.status === 401) return 'You are signed out. Sign in again with an API key.';
  return error instanceof Error ? error.message : String(error);
}
