import type { NodeExecutor, NodeRegistry } from '@switchyard/engine';
import { nodeDefinitions } from './definitions.js';
import { nodeTypeExecutors } from './generated/executors.js';
import { createHttpClient } from './http-request/client.js';
import type { HttpOptions } from './http-request/client.js';
import type { ExecutorServices } from './shared/executor-source.js';
import { createDatabasePools } from './sql/pools.js';

/** A registry that owns keep-alive connections: close it when done. */
export interface ClosableNodeRegistry extends NodeRegistry {
  /** Closes the registry's HTTP connections and database pools. */
  close(): Promise<void>;
}

/** Every executable node type, with one shared HTTP client (keep-alive, SSRF guard). */
export function createNodeRegistry(options: HttpOptions = {}): ClosableNodeRegistry {
  const client = createHttpClient(options);
  const databases = createDatabasePools();
  const services: ExecutorServices = { http: client, databases };
  const executors = new Map<string, NodeExecutor>(
    nodeTypeExecutors
      .map((source) => (typeof source === 'function' ? source(services) : source))
      .map((executor) => [executor.definition.type, executor]),
  );
  return {
    get: (type) => executors.get(type),
    definitions: () => nodeDefinitions,
    close: async () => {
      await Promise.all([client.close(), databases.close()]);
    },
  };
}
