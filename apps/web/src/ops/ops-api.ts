import { requestJson } from '../request-json';
import type { ErrorBody, FetchLike } from '../request-json';

/**
 * A typed client for the operations side of http-api.md: integrations and their health,
 * alerts, and insights. Shapes are what the server answers (ISO times as strings).
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

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

export interface IntegrationHealth {
  integrationId: string;
  windowMs: number;
  calls: number;
  failures: number;
  failureRate: number;
  retries: number;
  retryRate: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  errorsByCategory: Record<string, number>;
  sampled: boolean;
  breaker: {
    state: BreakerState;
    enabled: boolean;
    since: string | null;
    retryAt: string | null;
    window: { calls: number; failures: number };
    consecutiveFailures: number;
    history: Array<{ at: string; from: BreakerState; to: BreakerState; reason: string }>;
  };
  bulkhead: { inFlight: number; waiting: number; maxConcurrent: number; maxQueue: number } | null;
  retryBudget: { enabled: boolean; firstAttempts: number; retries: number; allowed: number } | null;
}

export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

export interface RecentError {
  runId: string;
  link: string;
  nodeId: string;
  at: string;
  category: string;
  message: string;
  httpStatus?: number;
}

export interface Alert {
  id: string;
  ruleId: string;
  subject: string;
  status: AlertStatus;
  level: number;
  openedAt: string;
  lastSeenAt: string;
  occurrences: number;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  context: { recentErrors?: RecentError[]; runs?: Array<{ runId: string; link: string; at: string }>; errorsByCategory?: Record<string, number>; breaker?: { state: BreakerState }; [key: string]: unknown };
  deliveries: Array<{ level: number; event: string; channel: string; at: string; ok: boolean; detail: string; tries: number }>;
}

export interface AlertRuleSummary {
  id: string;
  name: string;
  enabled: boolean;
  condition: { kind: string; [key: string]: unknown };
  levels: Array<{ afterMs: number; channels: Array<{ kind: string }> }>;
}

export interface FailureCluster {
  signature: { integration: string | null; workflowId: string; nodeId: string; category: string; httpStatus: number | null; message: string };
  count: number;
  runs: number;
  firstSeen: string;
  lastSeen: string;
  sampleRunIds: string[];
  example: string;
}

export interface Advice {
  id: string;
  kind: 'raise_timeout' | 'stop_retrying' | 'fewer_attempts' | 'primary_fails';
  workflowId: string;
  version: number;
  nodeId: string;
  integration: string | null;
  title: string;
  evidence: string;
  change: { kind: string; [key: string]: unknown } | null;
}

export interface Insights {
  windowMs: number;
  since: string;
  runs: number;
  sampled: boolean;
  clusters: FailureCluster[];
  advice: Advice[];
}

export class OpsApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OpsApiError';
  }
}

const enc = encodeURIComponent;

export function createOpsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  const request = <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> =>
    requestJson<T>(fetchImpl, method, path, body, (status: number, error: ErrorBody) => new OpsApiError(status, error.code, error.message));
  return {
    integrations: () => request<{ items: Integration[] }>('GET', '/api/integrations').then((r) => r.items),
    health: (id: string, window = '1h') => request<IntegrationHealth>('GET', `/api/integrations/${enc(id)}/health?window=${enc(window)}`),
    alerts: (status?: AlertStatus) => request<{ items: Alert[] }>('GET', `/api/alerts${status ? `?status=${status}` : ''}`).then((r) => r.items),
    acknowledge: (id: string) => request<Alert>('POST', `/api/alerts/${enc(id)}/ack`),
    alertRules: () => request<{ items: AlertRuleSummary[] }>('GET', '/api/alert-rules').then((r) => r.items),
    insights: (window = '24h') => request<Insights>('GET', `/api/insights?window=${enc(window)}`),
    applyAdvice: (id: string) => request<{ workflow: { id: string; version: number } }>('POST', `/api/insights/advice/${enc(id)}/apply`),
  };
}

export type OpsApi = ReturnType<typeof createOpsApi>;

/** Plain words for an error, with the next step where there is one. */
export function opsErrorMessage(error: unknown): string {
  if (error instanceof OpsApiError && error.status === 401) return 'You are signed out. Sign in again with an API key.';
  return error instanceof Error ? error.message : String(error);
}
