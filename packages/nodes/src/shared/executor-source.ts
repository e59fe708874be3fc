import type { NodeExecutor } from '@switchyard/engine';
import type { HttpClient } from '../http-request/client.js';
import type { DatabasePools } from '../sql/pools.js';
import type { CodeSandbox } from '../code/sandbox/pool.js';

/** What a registry shares among its executors: one HTTP client (keep-alive connections, SSRF guard), the sql node's pools, one code sandbox pool. */
export interface ExecutorServices {
  readonly http: HttpClient;
  readonly databases: DatabasePools;
  /** The worker pool code nodes run in (started on first use). */
  readonly codeSandbox: () => CodeSandbox;
}

/** What a type's `execute.ts` exports: its executor, or how to make one from the registry's services. */
export type ExecutorSource = NodeExecutor | ((services: ExecutorServices) => NodeExecutor);
