import type { Workflow } from '@switchyard/schema';
import { requestJson } from '../request-json';
import type { Attempt, JsonValue, RecordedRequest, RecordedResponse, RunCounts, RunDetail, RunList, RunStatus } from './types';

/**
 * A typed client for http-api.md "Runs". Small and separate from the editor's `api.ts` on
 * purpose: that module is being reshaped while this one is written, and the run views only
 * need these calls.
 */

export interface RunsApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An error answer of the API (`{ error: { code, message, details } }`), or `network` when there was none. */
export class RunsApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: RunsApiErrorBody) {
    super(body.message);
    this.name = 'RunsApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }
}

export interface RunListFilter {
  workflowId?: string;
  status?: RunStatus;
  degraded?: boolean;
  /** ISO 8601 times. */
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

export type StoredWorkflowVersion = Workflow & { id: string; version: number };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A query string of the set keys only: an empty `status=` would fail the server's schema. */
export function runListQuery(filter: RunListFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const enc = encodeURIComponent;

export function createRunsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  const request = <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> =>
    requestJson<T>(fetchImpl, method, path, body, (status, error) => new RunsApiError(status, error));

  return {
    listRuns: (filter: RunListFilter = {}) => request<RunList>('GET', `/api/runs${runListQuery(filter)}`),
    counts: (filter: { workflowId?: string; since?: string } = {}) => request<RunCounts>('GET', `/api/runs/counts${runListQuery(filter)}`),
    getRun: (runId: string) => request<RunDetail>('GET', `/api/runs/${enc(runId)}`),
    attemptPart: <P extends 'request' | 'response'>(runId: string, nodeId: string, number: Attempt['number'], part: P) =>
      request<P extends 'request' ? RecordedRequest : RecordedResponse>('GET', `/api/runs/${enc(runId)}/nodes/${enc(nodeId)}/attempts/${number}/${part}`),
    nodePart: (runId: string, nodeId: string, part: 'input' | 'output') => request<JsonValue>('GET', `/api/runs/${enc(runId)}/nodes/${enc(nodeId)}/${part}`),
    resume: (runId: string, version?: number) => request<{ runId: string }>('POST', `/api/runs/${enc(runId)}/resume`, version === undefined ? {} : { version }),
    replay: (runId: string) => request<{ runId: string }>('POST', `/api/runs/${enc(runId)}/replay`, {}),
    cancel: (runId: string, compensate = false) => request<{ runId: string }>('POST', `/api/runs/${enc(runId)}/cancel`, { compensate }),
    workflowVersion: (workflowId: string, version: number) => request<StoredWorkflowVersion>('GET', `/api/workflows/${enc(workflowId)}/versions/${version}`),
  };
}

export type RunsApi = ReturnType<typeof createRunsApi>;
export type { Attempt, JsonValue, RecordedRequest, RecordedResponse, RunCounts, RunDetail, RunList, RunNode, RunStatus, RunSummary, NodeStatus } from './types';

/** Plain words for an error, with the next step where there is one (UX.md "General"). */
export function runsErrorMessage(error: unknown): string {
  if (error instanceof RunsApiError) {
    if (error.status === 401) return 'You are signed out. Sign in again with an API key.';
    if (error.status === 404) return `Not found: ${error.message}`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
