import type { NodeExecutor, NodeRegistry } from '@switchyard/engine';
import { branchExecutor } from './branch/execute.js';
import { nodeDefinitions } from './definitions.js';
import { delayExecutor } from './delay/execute.js';
import { failExecutor } from './fail/execute.js';
import { createHttpClient } from './http-request/client.js';
import type { HttpOptions } from './http-request/client.js';
import { createHttpRequestExecutor } from './http-request/execute.js';
import { respondExecutor } from './respond/execute.js';
import { transformExecutor } from './transform/execute.js';
import { triggerManualExecutor } from './trigger-manual/execute.js';
import { triggerScheduleExecutor } from './trigger-schedule/execute.js';
import { triggerWebhookExecutor } from './trigger-webhook/execute.js';

/** A registry that owns keep-alive connections: close it when done. */
export interface ClosableNodeRegistry extends NodeRegistry {
  /** Closes the registry's HTTP connections. */
  close(): Promise<void>;
}

/** Every executable node type, with one shared HTTP client (keep-alive, SSRF guard). */
export function createNodeRegistry(options: HttpOptions = {}): ClosableNodeRegistry {
  const client = createHttpClient(options);
  const executors = new Map<string, NodeExecutor>(
    [
      triggerWebhookExecutor,
      triggerManualExecutor,
      triggerScheduleExecutor,
      createHttpRequestExecutor(client),
      transformExecutor,
      branchExecutor,
      delayExecutor,
      respondExecutor,
      failExecutor,
    ].map((e) => [e.definition.type, e]),
  );
  return {
    get: (type) => executors.get(type),
    definitions: () => nodeDefinitions,
    close: () => client.close(),
  };
}
