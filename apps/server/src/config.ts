import path from 'node:path';
import { resolveRetention, type RetentionConfig } from './retention/retention-config.js';
import { parseClientLimit, type ClientLimit } from './webhooks/client-limit.js';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file. */
  dbPath: string;
  /** NORMAL (default) survives a crash of the process; FULL also a power loss, at a cost per commit. */
  synchronous: 'NORMAL' | 'FULL';
  /** Live runs at once; beyond it new runs (webhooks too) get 503 with Retry-After. */
  maxActiveRuns: number;
  apiKey: string | undefined;
  secretKey: string | undefined;
  publicUrl: string | undefined;
  /** `/api/health/ready` answers 503 above this event-loop delay. */
  readyMaxLoopDelayMs: number | undefined;
  /** A bearer token a scraper may use for `/metrics` instead of an API key. */
  metricsToken: string | undefined;
  /** The built web app. */
  webDir: string | undefined;
  /** Where alert e-mails go out (`smtp://user:pass@host:port`); e-mail channels fail clearly without it. */
  smtpUrl: string | undefined;
  /** The sender of alert e-mails. */
  alertFrom: string;
  /** Time between alert checks (escalation, delivery retries, metric rules). */
  alertCheckMs: number;
  /** Webhook deliveries a second per client address, across all webhooks; undefined: no limit. */
  webhookClientLimit: ClientLimit | undefined;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Hosts outbound calls may reach although private, loopback or link-local (semantics.md: an explicit allow-list). */
  allowedHosts: string[];
  /** How long finished runs are kept, and how pruning is paced (SWITCHYARD_RETAIN_*, docs/operations.md). */
  retention: RetentionConfig;
  /** Worker threads code nodes run in at most (SWITCHYARD_CODE_WORKERS); further code nodes wait for one. */
  codeWorkers: number;
}

export interface ConfigFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  db?: string;
}

export const DEFAULT_PORT = 4780;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.switchyard';
export const DB_FILE_NAME = 'switchyard.db';
export const DEFAULT_MAX_ACTIVE_RUNS = 10_000;
export const DEFAULT_ALERT_CHECK_MS = 10_000;
/** Two sandbox workers: code nodes use at most two cores, whatever runs at once. */
export const DEFAULT_CODE_WORKERS = 2;

/** The SQLite path of a `sqlite:` URL; Postgres is not supported by this build yet. */
export function sqlitePathOf(url: string): string {
  if (url.startsWith('sqlite:')) {
    const p = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (p === '') throw new Error(`the database URL '${url}' names no file`);
    return p;
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) throw new Error('postgres is not supported by this build yet; use sqlite:/path/file.db');
  throw new Error(`unknown database URL '${url}': expected sqlite:/path/file.db`);
}

function boundedCodeWorkers(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`SWITCHYARD_CODE_WORKERS is '${text}': expected a whole number from 1 to 64`);
  return n;
}

function positiveInteger(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} is '${text}': expected a whole number of at least 1`);
  return n;
}

/** Variables of http-api.md, overridden by command-line flags. */
export function resolveConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags, webDir?: string): ServerConfig {
  const portText = flags.port ?? env.SWITCHYARD_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`the port '${portText}' is not a port number`);
  const dataDir = path.resolve(flags.dataDir ?? env.SWITCHYARD_DATA_DIR ?? DEFAULT_DATA_DIR);
  const dbUrl = flags.db ?? env.SWITCHYARD_DB_URL;
  const synchronous = (env.SWITCHYARD_SQLITE_SYNCHRONOUS ?? 'normal').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new Error(`SWITCHYARD_SQLITE_SYNCHRONOUS is '${env.SWITCHYARD_SQLITE_SYNCHRONOUS}': expected normal or full`);
  const maxText = env.SWITCHYARD_MAX_ACTIVE_RUNS ?? String(DEFAULT_MAX_ACTIVE_RUNS);
  const maxActiveRuns = Number(maxText);
  if (!Number.isInteger(maxActiveRuns) || maxActiveRuns < 1) throw new Error(`SWITCHYARD_MAX_ACTIVE_RUNS is '${maxText}': expected a whole number of at least 1`);
  const checkText = env.SWITCHYARD_ALERT_CHECK_MS ?? String(DEFAULT_ALERT_CHECK_MS);
  const alertCheckMs = Number(checkText);
  if (!Number.isInteger(alertCheckMs) || alertCheckMs < 10 || alertCheckMs > 3_600_000) throw new Error(`SWITCHYARD_ALERT_CHECK_MS is '${checkText}': expected milliseconds between 10 and 3600000`);
  const smtpUrl = nonEmpty(env.SWITCHYARD_SMTP_URL);
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) throw new Error('SWITCHYARD_SMTP_URL is not an smtp:// or smtps:// URL');
  return {
    port,
    host: flags.host ?? env.SWITCHYARD_HOST ?? DEFAULT_HOST,
    dataDir,
    dbPath: dbUrl === undefined || dbUrl === '' ? path.join(dataDir, DB_FILE_NAME) : path.resolve(sqlitePathOf(dbUrl)),
    synchronous,
    maxActiveRuns,
    apiKey: nonEmpty(env.SWITCHYARD_API_KEY),
    secretKey: nonEmpty(env.SWITCHYARD_SECRET_KEY),
    publicUrl: nonEmpty(env.SWITCHYARD_PUBLIC_URL),
    metricsToken: nonEmpty(env.SWITCHYARD_METRICS_TOKEN),
    readyMaxLoopDelayMs: env.SWITCHYARD_READY_MAX_LOOP_DELAY_MS === undefined ? undefined : positiveInteger(env.SWITCHYARD_READY_MAX_LOOP_DELAY_MS, 'SWITCHYARD_READY_MAX_LOOP_DELAY_MS'),
    webDir,
    smtpUrl,
    webhookClientLimit: parseClientLimit(env.SWITCHYARD_WEBHOOK_CLIENT_LIMIT),
    trustProxy: ['1', 'true', 'yes'].includes((env.SWITCHYARD_TRUST_PROXY ?? '').toLowerCase()),
    codeWorkers: env.SWITCHYARD_CODE_WORKERS === undefined ? DEFAULT_CODE_WORKERS : boundedCodeWorkers(env.SWITCHYARD_CODE_WORKERS),
    allowedHosts: (env.SWITCHYARD_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h !== ''),
    alertFrom: nonEmpty(env.SWITCHYARD_ALERT_FROM) ?? 'switchyard@localhost',
    alertCheckMs,
    retention: resolveRetention(env),
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
