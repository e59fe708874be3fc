import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import type { BrowserContext } from '@playwright/test';
import { freePort, startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';

const cli = new URL('../../apps/server/dist/cli.js', import.meta.url).pathname;

export interface RunningServer {
  url: string;
  apiKey: string;
  dataDir: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
  output(): string;
}


/** The real server, built, as a user starts it: `switchyard start`, on its own data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const apiKey = `sk_e2e_${randomBytes(16).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [cli, 'start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, ...env, SWITCHYARD_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    apiKey,
    dataDir,
    async api<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs the browser context in with the API key, as the sign-in page does. */
export async function signIn(context: BrowserContext, server: RunningServer): Promise<void> {
  const response = await context.request.post(`${server.url}/api/session`, { data: { apiKey: server.apiKey }, headers: { origin: server.url } });
  if (response.status() !== 204) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

/**
 * The server, and a scripted upstream for it to call, for the tests of one file: started before
 * them, stopped after. Every file starts from an empty store.
 */
export function serverForFile(env: Record<string, string> = {}): { readonly server: RunningServer; readonly upstream: Upstream } {
  let server: RunningServer | undefined;
  let upstream: Upstream | undefined;
  test.beforeAll(async () => {
    server = await startServer(env);
    upstream = await startUpstream();
  });
  test.afterAll(async () => {
    await server?.stop();
    await upstream?.close();
  });
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the server is started in beforeAll');
      return server;
    },
    get upstream(): Upstream {
      if (!upstream) throw new Error('the upstream is started in beforeAll');
      return upstream;
    },
  };
}
