import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { systemClock } from '@switchyard/engine';
import type { Clock } from '@switchyard/engine';
import { resolveConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/start.js';

export const TEST_API_KEY = 'sy_test_bootstrap_key_0123456789abcdef';

/**
 * Tests read answers by path (`res.json.error.code`) and let the assertions check the shape;
 * `any` here is the test-side reading of untyped JSON, never a type of the server.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: LooseJson;
}

export interface Harness {
  server: RunningServer;
  url: string;
  dataDir: string;
  logs: string[];
  announced: string[];
  /** An authenticated API call with a JSON body. */
  api(method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** A raw call (no auth added). */
  raw(method: string, urlPath: string, init?: { body?: string | Buffer; headers?: Record<string, string> }): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export async function answerOf(res: Response): Promise<ApiAnswer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A real server on 127.0.0.1:0 with a SQLite file in a fresh temp dir; log lines captured. */
export async function startHarness(
  options: { apiKey?: string | null; env?: NodeJS.ProcessEnv; dataDir?: string; webDir?: string; /** Business time (a FakeClock); the real clock by default. */ clock?: Clock } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-server-'));
  const logs: string[] = [];
  const announced: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const apiKey = options.apiKey === null ? undefined : (options.apiKey ?? TEST_API_KEY);
  const config = resolveConfig(
    { ...(apiKey === undefined ? {} : { SWITCHYARD_API_KEY: apiKey }), ...options.env },
    { port: '0', host: '127.0.0.1', dataDir },
    options.webDir,
  );
  const server = await startServer(config, {
    logDestination: destination,
    allowedHosts: ['127.0.0.1'],
    announce: (l) => announced.push(l),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const raw = async (method: string, urlPath: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ApiAnswer> =>
    answerOf(await fetch(`${server.url}${urlPath}`, { method, headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) }));
  return {
    server,
    url: server.url,
    dataDir,
    logs,
    announced,
    raw,
    api: (method, urlPath, body, headers = {}) =>
      raw(method, urlPath, {
        headers: { authorization: `Bearer ${apiKey ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      await server.close();
      if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real clock, moved forward on demand: business time (token expiry, lock windows) jumps
 * while timers still fire in real time, so a test need not wait out an hour.
 */
export function shiftableClock(): Clock & { shift(ms: number): void } {
  const base = systemClock();
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimer: (at, fn) => base.setTimer(at - offset, fn),
    clearTimer: (handle) => base.clearTimer(handle),
    deadline: (ms) => base.deadline(ms),
    afterIo: (fn) => base.afterIo(fn),
    shift(ms) {
      offset += ms;
    },
  };
}

/** Waiting for what the server does in the background: the testkit's, generous on a busy machine. */
export { eventually } from '@switchyard/testkit';

/**
 * Business time pinned to what a test sets (signature timestamps are checked against it),
 * while timers still fire in real time, as far ahead of the real clock as they are of the pin.
 */
export function pinnedClock(startMs: number): Clock & { set(ms: number): void } {
  const base = systemClock();
  let pinned = startMs;
  return {
    now: () => pinned,
    setTimer: (at, fn) => base.setTimer(Date.now() + (at - pinned), fn),
    clearTimer: (handle) => base.clearTimer(handle),
    deadline: (ms) => base.deadline(ms),
    afterIo: (fn) => base.afterIo(fn),
    set(ms) {
      pinned = ms;
    },
  };
}
