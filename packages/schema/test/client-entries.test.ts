import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/backoff.js';
import { formatDuration } from '../src/durations.js';
import { NODE_STATUSES, RESUMABLE_RUN_STATUSES, RUN_STATUSES, TERMINAL_RUN_STATUSES } from '../src/statuses.js';

const source = (file: string): string => readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');

describe('the entries a client loads without zod', () => {
  it('load no code: statuses and durations import nothing, backoff only a type', () => {
    expect(source('statuses.ts')).not.toMatch(/^\s*import\b/m);
    expect(source('durations.ts')).not.toMatch(/^\s*import\b/m);
    expect(source('backoff.ts').match(/^\s*import\b.*$/gm)).toEqual([`import type { Backoff } from './workflow.js';`]);
  });
});

describe('statuses.ts', () => {
  it('ends and resumes runs only from statuses it declares', () => {
    for (const status of [...TERMINAL_RUN_STATUSES, ...RESUMABLE_RUN_STATUSES]) expect(RUN_STATUSES).toContain(status);
    expect(RUN_STATUSES.filter((s) => !TERMINAL_RUN_STATUSES.has(s))).toEqual(['queued', 'running', 'waiting']);
    expect(new Set(NODE_STATUSES).size).toBe(NODE_STATUSES.length);
  });
});

describe('backoffDelay', () => {
  const exponential = { backoff: 'exponential', initialDelayMs: 500, multiplier: 2, maxDelayMs: 3000 } as const;

  it('grows by the multiplier up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(exponential, n))).toEqual([500, 1000, 2000, 3000, 3000]);
  });

  it('is the initial delay when fixed, still capped', () => {
    expect(backoffDelay({ ...exponential, backoff: 'fixed' }, 3)).toBe(500);
    expect(backoffDelay({ ...exponential, backoff: 'fixed', initialDelayMs: 5000 }, 1)).toBe(3000);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([200, 2000, 1500, 90_000, 5_400_000].map(formatDuration)).toEqual(['0.2s', '2s', '1.5s', '1.5min', '1.5h']);
  });
});
