import { describe, expect, it } from 'vitest';
import { isUnavailableStore, poisonVerdict, recordStepFailure, reloadDelayMs, STEP_FAILURE_MESSAGE_CHARS } from './step-failures.js';

describe('step failures (poison runs)', () => {
  it('counts failures, blames the nodes of every failing step, and keeps the message short', () => {
    const first = recordStepFailure(undefined, ['a'], new RangeError('Maximum call stack size exceeded'));
    expect(first).toEqual({ count: 1, waits: 1, nodes: ['a'], message: 'RangeError: Maximum call stack size exceeded' });
    const second = recordStepFailure(first, ['a', 'b'], new Error('x'.repeat(2000)));
    expect(second.count).toBe(2);
    expect(second.nodes).toEqual(['a', 'b']);
    expect(second.message.length).toBe(STEP_FAILURE_MESSAGE_CHARS);
  });

  it('a store that cannot commit (disk full, locked) backs off but does not count against the run', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(isUnavailableStore(full)).toBe(true);
    expect(isUnavailableStore(new RangeError('Invalid string length'))).toBe(false);
    const after = recordStepFailure(recordStepFailure(undefined, ['a'], full), ['a'], full);
    expect(after).toMatchObject({ count: 0, waits: 2 });
  });

  it('reloads after 1 s, doubling, at most 60 s; gives up on the nodes at the limit, on the run after', () => {
    expect([1, 2, 3, 4, 7, 30].map(reloadDelayMs)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
    expect([1, 2, 3, 4, 9].map((n) => poisonVerdict(n, 3))).toEqual(['retry', 'retry', 'fail_nodes', 'end_run', 'end_run']);
  });
});
