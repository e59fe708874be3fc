import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { systemClock } from '@switchyard/engine';
import { nodeDefinitions } from '@switchyard/nodes';
// A composition root: one of the two server files that may name the store adapter (eslint.config.js).
import { openSqliteStore } from '@switchyard/store-sqlite';
import { createAuthService } from './auth/auth-service.js';
import type { ServerConfig } from './config.js';
import { ApiError } from './http/api-error.js';
import type { ServerStore } from './ports/index.js';
import { validateForStore } from './workflows/validate-input.js';

/**
 * The store a one-shot command works on: inline checkpoints, since a short-lived process has no
 * use for a background checkpoint thread. Typed by the ports, as the server uses it.
 */
function openStore(config: ServerConfig): ServerStore {
  return openSqliteStore({ path: config.dbPath, synchronous: config.synchronous, checkpoints: 'inline' });
}

/** `switchyard import FILE`: validates and stores a workflow; answers its id. */
export async function importWorkflow(config: ServerConfig, file: string): Promise<{ id: string; warnings: number }> {
  const text = fs.readFileSync(file, 'utf8');
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(config);
  try {
    const { workflow, warnings } = await validateForStore(input, nodeDefinitions, store).catch((err: unknown) => {
      if (err instanceof ApiError && err.details?.issues) {
        const issues = err.details.issues as Array<{ path: unknown[]; message: string }>;
        throw new Error(`${file} is not a valid workflow:\n${issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
      }
      throw err;
    });
    const id = `wf_${randomBytes(8).toString('hex')}`;
    await store.createWorkflow(id, workflow, Date.now());
    return { id, warnings: warnings.length };
  } finally {
    await store.close();
  }
}

/** `switchyard api-key create [--name]`: the secret is printed once; only its hash is stored. */
export async function createApiKeyCommand(config: ServerConfig, name: string): Promise<string> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(config);
  try {
    const auth = createAuthService(store, systemClock(), undefined);
    return (await auth.createApiKey(name)).secret;
  } finally {
    await store.close();
  }
}

/** `switchyard api-key list`: one line a key (id, created, name); never a secret. */
export async function listApiKeysCommand(config: ServerConfig): Promise<string[]> {
  const store = openStore(config);
  try {
    return (await createAuthService(store, systemClock(), config.apiKey).listApiKeys()).map((k) => `${k.id}\t${new Date(k.createdAt).toISOString()}\t${k.name}`);
  } finally {
    await store.close();
  }
}

/** `switchyard api-key revoke ID`: the key and its sessions end (not the last way in). */
export async function revokeApiKeyCommand(config: ServerConfig, id: string): Promise<true | false | 'last'> {
  const store = openStore(config);
  try {
    return await createAuthService(store, systemClock(), config.apiKey).revokeApiKey(id);
  } finally {
    await store.close();
  }
}
