import type { ValidationIssue, Workflow } from '@switchyard/schema';
import { takePrefetched } from './prefetch';
import { requestJson } from './request-json';

/** The API of http-api.md, same-origin (the server serves this app), with the session cookie. */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { issues?: ValidationIssue[]; requestId?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.code;
  }
}

export interface WorkflowSummary {
  id: string;
  name: string;
  version: number;
  active: boolean;
  updatedAt: string;
}

export interface StoredWorkflow extends Workflow {
  id: string;
  version: number;
  active: boolean;
  createdAt?: string;
  updatedAt?: string;
  warnings?: ValidationIssue[];
}

/** POST /api/import's answer (docs/operations.md "Export and import"). */
export interface ImportReport {
  dryRun: boolean;
  items: Array<{ kind: string; id: string; outcome: 'created' | 'unchanged' | 'conflict'; detail?: string }>;
  created: number;
  unchanged: number;
  conflicts: number;
  missingCredentials: string[];
  warnings: Array<{ path: string; message: string }>;
}

export type Fetch = typeof fetch;

const fetchFromNetwork = (path: string, init: RequestInit): Promise<Response> => fetch(path, init);
const defaultFetch: Fetch = (input, init = {}) => takePrefetched(String(input), init, fetchFromNetwork, performance.now()) ?? fetch(input, init);

export function createApi(fetchImpl: Fetch = defaultFetch) {
  const request = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> =>
    requestJson<T>(fetchImpl, method, path, body, (status, error) => new ApiError(status, error as ApiErrorBody), headers);

  return {
    signIn: (apiKey: string) => request<void>('POST', '/api/session', { apiKey }),
    signInWithToken: (token: string) => request<void>('POST', '/api/session', { token }),
    session: () => request<{ keyName: string }>('GET', '/api/session'),
    signOut: () => request<void>('DELETE', '/api/session'),
    listWorkflows: () => request<{ items: WorkflowSummary[] }>('GET', '/api/workflows'),
    getWorkflow: (id: string) => request<StoredWorkflow>('GET', `/api/workflows/${encodeURIComponent(id)}`),
    createWorkflow: (workflow: Workflow) => request<StoredWorkflow>('POST', '/api/workflows', workflow),
    /** Saves over `basedOn` only: a 412 (`precondition_failed`) says someone saved meanwhile. */
    updateWorkflow: (id: string, workflow: Workflow, basedOn?: number) =>
      request<StoredWorkflow>('PUT', `/api/workflows/${encodeURIComponent(id)}`, workflow, basedOn === undefined ? undefined : { 'if-match': `"${basedOn}"` }),
    deleteWorkflow: (id: string) => request<void>('DELETE', `/api/workflows/${encodeURIComponent(id)}`),
    activate: (id: string) => request<unknown>('POST', `/api/workflows/${encodeURIComponent(id)}/activate`),
    deactivate: (id: string) => request<unknown>('POST', `/api/workflows/${encodeURIComponent(id)}/deactivate`),
    /** Restores an export bundle; a dry run writes nothing and says what would happen. */
    importBundle: (bundle: unknown, dryRun: boolean) => request<ImportReport>('POST', `/api/import${dryRun ? '?dryRun=true' : ''}`, bundle),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Only the authored fields: the server ignores the rest, but exporting them would be noise. */
export function authoredPart(stored: StoredWorkflow): Workflow {
  const { id: _id, version: _v, active: _a, createdAt: _c, updatedAt: _u, warnings: _w, ...workflow } = stored;
  return workflow;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'You are signed out. Sign in again with an API key.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
