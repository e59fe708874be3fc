import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createEngine, systemClock, systemRandom } from '@switchyard/engine';
import { createAlertService } from './alerts/alert-service.js';
import { startRecovery } from './credentials/recovery.js';
import { createClientLimiter } from './webhooks/client-limit.js';
import type { AlertService } from './alerts/alert-service.js';
import type { Clock, Engine } from '@switchyard/engine';
import { createCodeSandbox, createJsonPoster, createNodeRegistry, createTokenRequester, nodeDefinitions } from '@switchyard/nodes';
// A composition root: one of the two server files that may name the store adapter (eslint.config.js).
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { SqliteStore } from '@switchyard/store-sqlite';
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { createApp } from './app.js';
import { createAuthService } from './auth/auth-service.js';
import type { AuthService } from './auth/auth-service.js';
import { DB_FILE_NAME, isLoopbackHost, type ServerConfig } from './config.js';
import { lockDatabase, preparePrivateDir, privateDatabaseFiles } from './data-dir.js';
import type { ServerStore } from './ports/index.js';
import { createCredentialService } from './credentials/credential-service.js';
import { loadSecretKey } from './credentials/secret-key.js';
import { createPruner, type Pruner } from './retention/pruner.js';
import { createScheduler, type Scheduler } from './schedules/scheduler.js';
import { createWebhookState } from './webhooks/webhook-state.js';

/** Header and field paths pino blanks in every log line, whatever a caller logs. */
export const LOG_REDACT_PATHS = ['headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie', 'apiKey', 'token', 'secret', 'password'];

export interface StartOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** Hosts http.request may reach although private or loopback (tests: 127.0.0.1). */
  allowedHosts?: string[];
  clock?: Clock;
  /** Printed once at first start: the sign-in link. */
  announce?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The adapter itself (tests read its SQLite settings); everything the server runs sees only its ports. */
  store: SqliteStore;
  engine: Engine;
  /** Fires the schedule triggers of active workflows. */
  scheduler: Scheduler;
  auth: AuthService;
  /** Removes finished runs the retention settings no longer keep. */
  pruner: Pruner;
  log: Logger;
  /** Stops accepting, lets requests in flight finish (bounded), stops the engine, closes the store. */
  close(): Promise<void>;
}

export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 60_000;

/** How long shutdown waits for requests and runs in flight. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** The composition root: real clock and randomness, the SQLite store, the node registry, the engine. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = pino({ level: 'info', redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }, options.logDestination ?? pino.destination(1));
  const announce = options.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? systemClock();
  if (preparePrivateDir(config.dataDir).tightened) log.warn({ dataDir: config.dataDir }, 'the data directory was readable by others; it is now private (0700)');
  if (config.dbPath !== path.join(config.dataDir, DB_FILE_NAME)) fs.mkdirSync(path.dirname(config.dbPath), { recursive: true, mode: 0o700 });
  const lock = lockDatabase(config.dbPath);
  try {
    privateDatabaseFiles(config.dbPath);
  } catch (error) {
    lock.release();
    throw error;
  }
  let store: SqliteStore;
  try {
    // `satisfies`: the adapter must answer every server port, so a missing method or a record
    // shape it answers differently fails here, at compile time, not in a feature file.
    store = openSqliteStore({
      path: config.dbPath,
      synchronous: config.synchronous,
      onCheckpointError: (message) => log.warn({ err: message }, 'background WAL checkpoints failed; commits checkpoint inline again'),
    }) satisfies ServerStore;
  } catch (error) {
    lock.release();
    throw error;
  }
  let scheduler: Scheduler | undefined;
  let prunerRef: Pruner | undefined;
  try {
    const secretKey = loadSecretKey(config.secretKey, config.dataDir, { mayCreate: (await store.listCredentials()).length === 0 });
    const auth = createAuthService(store, clock, config.apiKey);
    if (!(await auth.hasAnyKey())) {
      if (!isLoopbackHost(config.host)) {
        throw new Error(`refusing to listen on ${config.host} without an API key: set SWITCHYARD_API_KEY, run 'switchyard api-key create', or listen on 127.0.0.1`);
      }
      const { id } = await auth.createApiKey('admin');
      const token = await auth.createSigninToken(id);
      const base = config.publicUrl ?? `http://${config.host === '::1' ? '[::1]' : config.host}:${config.port}`;
      announce(`Sign in (link works once, for 24 hours): ${base.replace(/\/+$/, '')}/signin?token=${token}`);
    }
    // The configured allow-list, and what a test adds to it.
    const allowedHosts = [...config.allowedHosts, ...(options.allowedHosts ?? [])];
    const httpOptions = allowedHosts.length > 0 ? { allowedHosts } : {};
    // Code nodes run on this pool of worker threads, never on the server's event loop.
    const codeSandbox = createCodeSandbox({ workers: config.codeWorkers });
    const registry = createNodeRegistry({ ...httpOptions, codeSandbox });
    // Token requests pass the same SSRF guard as http.request, with the same allowed hosts.
    const tokenRequester = createTokenRequester({ ...httpOptions, deadline: (ms) => clock.deadline(ms) });
    // The alert service needs the engine (workflow channels), and the engine and credentials tell it what happens.
    const alertsRef: { current?: AlertService } = {};
    const engineRef: { current?: Engine } = {};
    const credentials = createCredentialService(store, secretKey, {
      oauth2: {
        requester: tokenRequester,
        now: () => clock.now(),
        onRotationNotStored: (id, reason) => log.warn({ credentialId: id, reason }, 'a refresh token rotated by the token endpoint was not stored'),
      },
      onLocked: (id, at) => {
        log.warn({ credentialId: id }, 'credential locked after repeated auth failures: nodes using it fail with credential_locked until it gets a new secret or is unlocked');
        void alertsRef.current?.raise({ kind: 'credential_locked', subject: id, detail: { lockedAt: new Date(at).toISOString() } });
        if (engineRef.current) void startRecovery({ store, engine: engineRef.current, log }, id, at);
      },
      onUnlocked: (id) => void alertsRef.current?.resolve('credential_locked', id),
    });
    const engine = createEngine({
      store,
      clock,
      random: systemRandom(),
      nodes: registry,
      credentials,
      log,
      options: { maxActiveRuns: config.maxActiveRuns },
      onBreakerChange: (integrationId, change) => {
        if (change.to === 'open') void alertsRef.current?.raise({ kind: 'breaker_opened', subject: integrationId, detail: { reason: change.reason } });
        if (change.to === 'closed') void alertsRef.current?.resolve('breaker_opened', integrationId);
      },
    });
    engineRef.current = engine;
    const poster = createJsonPoster({ ...httpOptions, deadline: (ms) => clock.deadline(ms) });
    const alerting = createAlertService({ store, engine, clock, log, channels: { poster, smtpUrl: config.smtpUrl, from: config.alertFrom, credentials, now: () => clock.now() }, checkMs: config.alertCheckMs });
    alertsRef.current = alerting;
    engine.subscribe((event) => {
      // A test run that needs attention is the person's own, in the editor: no alert.
      if (event.type === 'run' && event.run.status === 'needs_attention' && event.run.mode === 'production') {
        void alerting.raise({ kind: 'run_needs_attention', subject: event.run.workflowId, detail: { run: { runId: event.run.id, link: `/runs/${event.run.id}`, at: new Date(event.run.finishedAt ?? clock.now()).toISOString() } } });
      }
    });
    await engine.start();
    alerting.start();
    // After the engine: a time missed while the server was down may start a run at once.
    const schedules = createScheduler({ store, engine, clock, log });
    scheduler = schedules;
    await schedules.start();
    const pruner = createPruner({ store, clock, log, config: config.retention });
    prunerRef = pruner;
    pruner.start();
    const app = createApp({
      store,
      engine,
      clock,
      log,
      definitions: nodeDefinitions,
      credentials,
      auth,
      alerts: alerting,
      webhooks: createWebhookState(),
      ...(config.webhookClientLimit ? { webhookClients: { limiter: createClientLimiter(config.webhookClientLimit), trustProxy: config.trustProxy } } : {}),
      schedules,
      retention: config.retention.policy,
      ...(config.metricsToken === undefined ? {} : { metricsToken: config.metricsToken }),
      ...(config.readyMaxLoopDelayMs === undefined ? {} : { maxLoopDelayMs: config.readyMaxLoopDelayMs }),
      exposure: { trustProxy: config.trustProxy, ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }) },
      ...(config.webDir ? { webDir: config.webDir } : {}),
    });
    const server = createAdaptorServer({ fetch: app.fetch, hostname: config.host });
    // Slow senders (slowloris) lose their socket; long answers (SSE, sync webhooks) are not affected.
    if ('headersTimeout' in server) {
      server.headersTimeout = HEADERS_TIMEOUT_MS;
      server.requestTimeout = REQUEST_TIMEOUT_MS;
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
    log.info({ host: config.host, port }, 'listening');
    let closing: Promise<void> | undefined;
    return {
      url: `http://${hostForUrl}:${port}`,
      port,
      store,
      engine,
      scheduler: schedules,
      auth,
      pruner,
      log,
      close() {
        closing ??= (async () => {
          // No scheduled run starts once shutdown has begun.
          await schedules.stop();
          await pruner.stop();
          // Stop accepting; idle keep-alive sockets go now, busy ones when their answer is sent.
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // A keep-alive socket becomes idle when its answer is sent: close those as they appear.
          const sweep = setInterval(() => {
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }, 50);
          if ('closeIdleConnections' in server) server.closeIdleConnections();
          await withTimeout(closed, SHUTDOWN_GRACE_MS);
          clearInterval(sweep);
          if ('closeAllConnections' in server) server.closeAllConnections();
          await alerting.stop();
          await poster.close();
          await withTimeout(engine.idle(), SHUTDOWN_GRACE_MS);
          await engine.stop();
          await registry.close();
          await codeSandbox.close();
          await tokenRequester.close();
          await store.close();
          lock.release();
          log.info({}, 'stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    await scheduler?.stop();
    await prunerRef?.stop();
    await store.close();
    lock.release();
    throw err;
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
