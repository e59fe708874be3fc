import type { NodeExecutor, NodeRegistry } from '@switchyard/engine';
import { nodeDefinitions } from './definitions.js';
import { nodeTypeExecutors } from './generated/executors.js';
import { createHttpClient } from './http-request/client.js';
import type { HttpOptions } from './http-request/client.js';
import { createCodeSandbox } from './code/sandbox/pool.js';
import type { CodeSandbox } from './code/sandbox/pool.js';
import type { ExecutorServices } from './shared/executor-source.js';
import { createDatabasePools } from './sql/pools.js';

/** A registry that owns keep-alive connections: close it when done. */
export interface ClosableNodeRegistry extends NodeRegistry {
  /** Closes the registry's HTTP connections, database pools and the sandbox pool it made itself. */
  close(): Promise<void>;
}

export interface NodeRegistryOptions extends HttpOptions {
  /**
   * The pool code nodes run in. The server makes it (its size is a setting) and closes it on
   * shutdown; without one the registry makes a default pool on first use and closes it itself.
   */
  codeSandbox?: CodeSandbox;
}

/** Every executable node type, with one shared HTTP client (keep-alive, SSRF guard) and one sandbox pool. */
export function createNodeRegistry(options: NodeRegistryOptions = {}): ClosableNodeRegistry {
  const { codeSandbox: given, ...httpOptions } = options;
  const client = createHttpClient(httpOptions);
  const databases = createDatabasePools();
  let own: CodeSandbox | undefined;
  const services: ExecutorServices = { http: client, databases, codeSandbox: () => given ?? (own ??= createCodeSandbox()) };
  const executors = new Map<string, NodeExecutor>(
    nodeTypeExecutors
      .map((source) => (typeof source === 'function' ? source(services) : source))
      .map((executor) => [executor.definition.type, executor]),
  );
  return {
    get: (type) => executors.get(type),
    definitions: () => nodeDefinitions,
    close: async () => {
      await Promise.all([client.close(), databases.close(), own?.close()]);
    },
  };
}
