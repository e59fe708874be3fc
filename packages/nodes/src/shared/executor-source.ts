import type { NodeExecutor } from '@switchyard/engine';
import type { HttpClient } from '../http-request/client.js';
import type { DatabasePools } from '../sql/pools.js';

/** What a registry shares among its executors: one HTTP client (keep-alive connections, SSRF guard), the sql node's pools. */
export interface ExecutorServices {
  readonly http: HttpClient;
  readonly databases: DatabasePools;
}

/** What a type's `execute.ts` exports: its executor, or how to make one from the registry's services. */
export type ExecutorSource = NodeExecutor | ((services: ExecutorServices) => NodeExecutor);
