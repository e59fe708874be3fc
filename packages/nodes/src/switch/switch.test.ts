import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { chooseOutputs } from './choose.js';
import { switchDefinition } from './definition.js';
import { switchExecutor } from './execute.js';
import { switchInfo } from './info.js';

const twoCases = [
  { name: 'vip', condition: true },
  { name: 'refund', condition: true },
];

describe('switch params', () => {
  it('takes ordered cases, each a name and a boolean or template condition, and a mode', () => {
    expectValid(switchDefinition, { cases: [{ name: 'billing', condition: '{{ $input.type = "billing" }}' }] });
    expectValid(switchDefinition, { cases: [{ name: 'a-1', condition: false }, { name: 'b_2', condition: true }], mode: 'all' });
  });

  it('says where a switch without cases, a duplicate case name or a bad condition is', () => {
    expect(issuesOf(switchDefinition, {})).toEqual([{ path: ['cases'], message: 'cases is required' }]);
    expect(issuesOf(switchDefinition, { cases: [] })).toEqual([{ path: ['cases'], message: 'cases names at least one case' }]);
    expect(issuesOf(switchDefinition, { cases: [{ name: 'a', condition: true }, { name: 'b', condition: true }, { name: 'a', condition: false }] })).toEqual([
      { path: ['cases', 2, 'name'], message: "duplicate case name 'a' (also cases[0])" },
    ]);
    expect(issuesOf(switchDefinition, { cases: [{ name: 'no spaces', condition: true }] })).toEqual([
      { path: ['cases', 0, 'name'], message: 'a case name is 1 to 64 letters, digits, _ or -' },
    ]);
    expect(issuesOf(switchDefinition, { cases: [{ condition: true }] })).toEqual([{ path: ['cases', 0, 'name'], message: 'name is required' }]);
    expect(issuesOf(switchDefinition, { cases: [{ name: 'a', condition: 'yes' }] })).toEqual([
      { path: ['cases', 0, 'condition'], message: 'expected a boolean, or a {{ template }}' },
    ]);
    expect(issuesOf(switchDefinition, { cases: [{ name: 'a', condition: true }], mode: 'any' })).toEqual([{ path: ['mode'], message: 'mode is "first" or "all"' }]);
    expect(issuesOf(switchDefinition, { cases: [{ name: 'a', condition: true, extra: 1 }] })).toEqual([{ path: ['cases', 0], message: 'unknown field "extra"' }]);
  });

  it('declares one output per case, in order, then default', () => {
    expect(switchDefinition.outputs({ cases: twoCases })).toEqual(['case:vip', 'case:refund', 'default']);
    expect(switchDefinition.outputs({})).toEqual(['default']);
    expect(switchInfo.summary({ cases: twoCases, mode: 'all' })).toBe('all of vip, refund');
    expect(switchDefinition.canFail).toBe(true);
  });
});

describe('chooseOutputs', () => {
  const rows: Array<{ conditions: boolean[]; mode: 'first' | 'all'; expected: string[] }> = [
    { conditions: [true, true, false], mode: 'first', expected: ['case:c0'] },
    { conditions: [false, true, true], mode: 'first', expected: ['case:c1'] },
    { conditions: [true, false, true], mode: 'all', expected: ['case:c0', 'case:c2'] },
    { conditions: [false, false, false], mode: 'first', expected: ['default'] },
    { conditions: [false, false, false], mode: 'all', expected: ['default'] },
  ];
  it.each(rows)('$conditions in mode $mode: $expected', ({ conditions, mode, expected }) => {
    expect(chooseOutputs(conditions.map((condition, i) => ({ name: `c${i}`, condition })), mode)).toEqual(expected);
  });
});

describe('switch executor', () => {
  const input = { type: 'refund' };

  it('passes its input on through the first matching case by default', async () => {
    expect(await switchExecutor.execute({ cases: twoCases }, makeContext({ input }))).toEqual({ ok: true, output: input, handle: 'case:vip' });
  });

  it('in mode all, through every matching case', async () => {
    expect(await switchExecutor.execute({ cases: twoCases, mode: 'all' }, makeContext({ input }))).toEqual({ ok: true, output: input, handles: ['case:vip', 'case:refund'] });
  });

  it('fails with invalid_request, naming the case, when a condition evaluated to a non-boolean', async () => {
    const result = await switchExecutor.execute({ cases: [{ name: 'a', condition: false }, { name: 'b', condition: 'yes' }] }, makeContext());
    expect(result).toEqual({ ok: false, failure: { category: 'invalid_request', message: 'invalid params: cases[1].condition: must evaluate to a boolean, got a string ("yes")' } });
  });
});
