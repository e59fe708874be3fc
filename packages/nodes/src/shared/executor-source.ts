import type { NodeExecutor } from '@switchyard/engine';
import type { HttpClient } from '../http-request/client.js';

/** What a registry shares among its executors: one HTTP client (keep-alive connections, SSRF guard). */
export interface ExecutorServices {
  readonly http: HttpClient;
}

/** What a type's `execute.ts` exports: its executor, or how to make one from the registry's services. */
export type ExecutorSource = NodeExecutor | ((services: ExecutorServices) => NodeExecutor);
