import { RETENTION_DEFAULTS, type RetentionPolicy } from '@switchyard/schema';

/** How often the pruner looks for runs to remove when the last look found none. */
export const DEFAULT_PRUNE_EVERY_MS = 60_000;
/** Runs removed in one transaction: small, so a batch never holds the write lock for long. */
export const DEFAULT_PRUNE_BATCH = 200;

export interface RetentionConfig {
  policy: RetentionPolicy;
  everyMs: number;
  batch: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `30d`, `12h`, `90m`, `45s`, `500ms`, or `forever` (null). */
export function parseAge(text: string, name: string): number | null {
  if (text.trim().toLowerCase() === 'forever') return null;
  const match = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]! : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) throw new Error(`${name} is '${text}': expected an age like 30d, 12h or 90m, or forever`);
  return ms;
}

/** `500MB`, `2GB`, `65536` (bytes), or `none` (null). */
export function parseBytes(text: string, name: string): number | null {
  if (text.trim().toLowerCase() === 'none') return null;
  const match = /^\s*(\d+)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  const bytes = match ? Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]! : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`${name} is '${text}': expected a size like 500MB or 2GB, or none`);
  return bytes;
}

function count(text: string, name: string, allowNone: boolean): number | null {
  if (allowNone && text.trim().toLowerCase() === 'none') return null;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} is '${text}': expected a whole number of at least 1${allowNone ? ', or none' : ''}`);
  return n;
}

/** The retention variables of docs/operations.md, with their defaults. */
export function resolveRetention(env: NodeJS.ProcessEnv): RetentionConfig {
  const age = (name: string, fallback: number | null): number | null => {
    const text = env[name];
    return text === undefined || text === '' ? fallback : parseAge(text, name);
  };
  const given = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const perWorkflow = given('SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW');
  const budget = given('SWITCHYARD_DB_BUDGET');
  const every = given('SWITCHYARD_PRUNE_EVERY_MS');
  const batch = given('SWITCHYARD_PRUNE_BATCH');
  return {
    policy: {
      succeededMaxAgeMs: age('SWITCHYARD_RETAIN_SUCCEEDED', RETENTION_DEFAULTS.succeededMaxAgeMs),
      failedMaxAgeMs: age('SWITCHYARD_RETAIN_FAILED', RETENTION_DEFAULTS.failedMaxAgeMs),
      needsAttentionMaxAgeMs: age('SWITCHYARD_RETAIN_NEEDS_ATTENTION', RETENTION_DEFAULTS.needsAttentionMaxAgeMs),
      testMaxAgeMs: age('SWITCHYARD_RETAIN_TEST', RETENTION_DEFAULTS.testMaxAgeMs),
      maxRunsPerWorkflow: perWorkflow === undefined ? RETENTION_DEFAULTS.maxRunsPerWorkflow : count(perWorkflow, 'SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW', true),
      diskBudgetBytes: budget === undefined ? RETENTION_DEFAULTS.diskBudgetBytes : parseBytes(budget, 'SWITCHYARD_DB_BUDGET'),
    },
    everyMs: every === undefined ? DEFAULT_PRUNE_EVERY_MS : count(every, 'SWITCHYARD_PRUNE_EVERY_MS', false)!,
    batch: batch === undefined ? DEFAULT_PRUNE_BATCH : Math.min(count(batch, 'SWITCHYARD_PRUNE_BATCH', false)!, 10_000),
  };
}
