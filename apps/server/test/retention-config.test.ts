import { describe, expect, it } from 'vitest';
import { RETENTION_DEFAULTS } from '@switchyard/schema';
import { resolveRetention } from '../src/retention/retention-config.js';

describe('retention settings', () => {
  it('defaults, ages, counts and sizes from the environment; a bad value names its variable', () => {
    expect(resolveRetention({})).toEqual({ policy: RETENTION_DEFAULTS, everyMs: 60_000, batch: 200 });
    const set = resolveRetention({ SWITCHYARD_RETAIN_SUCCEEDED: '12h', SWITCHYARD_RETAIN_FAILED: 'forever', SWITCHYARD_RETAIN_TEST: '90m', SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW: '1000', SWITCHYARD_DB_BUDGET: '500MB', SWITCHYARD_PRUNE_BATCH: '50' });
    expect(set.policy).toMatchObject({ succeededMaxAgeMs: 12 * 3_600_000, failedMaxAgeMs: null, testMaxAgeMs: 90 * 60_000, maxRunsPerWorkflow: 1000, diskBudgetBytes: 500 * 1024 * 1024 });
    expect(set.batch).toBe(50);
    expect(() => resolveRetention({ SWITCHYARD_RETAIN_SUCCEEDED: 'a month' })).toThrow("SWITCHYARD_RETAIN_SUCCEEDED is 'a month': expected an age like 30d");
    expect(() => resolveRetention({ SWITCHYARD_DB_BUDGET: '-5' })).toThrow(/SWITCHYARD_DB_BUDGET/);
    expect(() => resolveRetention({ SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW: '0' })).toThrow(/SWITCHYARD_RETAIN_RUNS_PER_WORKFLOW/);
  });
});
