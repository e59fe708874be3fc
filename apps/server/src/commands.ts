import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { systemClock } from '@switchyard/engine';
import { nodeDefinitions } from '@switchyard/nodes';
// A composition root: one of the two server files that may name the store adapter (eslint.config.js).
import { backupDatabase, openSqliteStore, type BackupResult } from '@switchyard/store-sqlite';
import { BUNDLE_FORMAT } from '@switchyard/schema';
import { exportBundle } from './bundle/export-bundle.js';
import { importBundle } from './bundle/import-bundle.js';
import { lockDatabase } from './data-dir.js';
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

/**
 * `switchyard backup FILE`: SQLite's online backup on its own read-only connection. It takes no
 * lock: a running server keeps its lock file and goes on writing while the copy is made.
 */
export async function backupCommand(config: ServerConfig, file: string): Promise<BackupResult> {
  if (!fs.existsSync(config.dbPath)) throw new Error(`${config.dbPath}: no database here (check --data-dir or --db)`);
  return backupDatabase(config.dbPath, path.resolve(file));
}

/** `switchyard export [--out FILE]`: the bundle as JSON text (also written to FILE when given). Reads only. */
export async function exportCommand(config: ServerConfig, out: string | undefined): Promise<string> {
  if (!fs.existsSync(config.dbPath)) throw new Error(`${config.dbPath}: no database here (check --data-dir or --db)`);
  const store = openStore(config);
  try {
    const text = `${JSON.stringify(await exportBundle(store, { retention: config.retention.policy }, Date.now()), null, 2)}\n`;
    if (out !== undefined) fs.writeFileSync(out, text, { mode: 0o600 });
    return text;
  } finally {
    await store.close();
  }
}

/** Lines that tell what an import did (or would do), and how many conflicts it left. */
export interface ImportOutcome {
  lines: string[];
  conflicts: number;
}

function readJsonFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
}

/** `switchyard import FILE`: a bundle (with the server stopped: it takes the lock) or one workflow. */
export async function importCommand(config: ServerConfig, file: string, options: { dryRun: boolean }): Promise<ImportOutcome> {
  const input = readJsonFile(file);
  if (typeof input !== 'object' || input === null || (input as { format?: unknown }).format !== BUNDLE_FORMAT) {
    if (options.dryRun) throw new Error('--dry-run is for bundles; a single workflow is checked by POST /api/workflows/validate');
    const { id, warnings } = await importWorkflow(config, file);
    return { lines: [`imported workflow ${id}${warnings > 0 ? ` (${warnings} warnings)` : ''}`], conflicts: 0 };
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // A running server would not see what is written behind it (schedules, webhooks): one at a time.
  const lock = lockDatabase(config.dbPath);
  try {
    const store = openStore(config);
    try {
      const report = await importBundle(store, input, { dryRun: options.dryRun, now: Date.now(), definitions: nodeDefinitions }).catch((err: unknown) => {
        if (err instanceof ApiError && err.details?.issues) {
          const issues = err.details.issues as Array<{ path: unknown[]; message: string }>;
          throw new Error(`${file} is not a valid bundle (nothing was imported):\n${issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
        }
        throw err;
      });
      const lines = [
        `${options.dryRun ? 'dry run (nothing written): ' : ''}${report.created} created, ${report.unchanged} unchanged, ${report.conflicts} conflicts`,
        ...report.items.map((i) => `  ${i.outcome.padEnd(9)} ${i.kind} ${i.id}${i.detail ? `: ${i.detail}` : ''}`),
        ...(report.missingCredentials.length > 0 ? [`credentials to create again: ${report.missingCredentials.join(', ')}`] : []),
      ];
      return { lines, conflicts: report.conflicts };
    } finally {
      await store.close();
    }
  } finally {
    lock.release();
  }
}
