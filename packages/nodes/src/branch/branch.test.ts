import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { branchDefinition } from './definition.js';
import { branchExecutor } from './execute.js';

describe('branch', () => {
  it('takes a boolean or a template condition', () => {
    expectValid(branchDefinition, { condition: '{{ $trigger.body.amount > 1000 }}' });
    expectValid(branchDefinition, { condition: false });
    expect(issuesOf(branchDefinition, { condition: 'yes' })).toEqual([{ path: ['condition'], message: 'expected a boolean, or a {{ template }}' }]);
    expect(issuesOf(branchDefinition, { condition: 1 })).toEqual([{ path: ['condition'], message: 'expected a boolean, or a {{ template }}' }]);
    expect(issuesOf(branchDefinition, {})).toEqual([{ path: ['condition'], message: 'required: a boolean, or a {{ template }}' }]);
  });

  it('declares the outputs true and false', () => {
    expect(branchDefinition.outputs({ condition: true })).toEqual(['true', 'false']);
    expect(branchDefinition.canFail).toBe(true);
  });

  it('passes its input on through the chosen output', async () => {
    const input = { amount: 5 };
    expect(await branchExecutor.execute({ condition: true }, makeContext({ input }))).toEqual({ ok: true, output: input, handle: 'true' });
    expect(await branchExecutor.execute({ condition: false }, makeContext({ input }))).toEqual({ ok: true, output: input, handle: 'false' });
  });

  it.each([['yes', 'a string ("yes")'], [1, 'number 1'], [null, 'null'], [undefined, 'undefined']])(
    'fails with invalid_request when the condition evaluated to %j',
    async (condition, described) => {
      const result = await branchExecutor.execute(condition === undefined ? {} : { condition }, makeContext());
      expect(result).toEqual({
        ok: false,
        failure: { category: 'invalid_request', message: `invalid params: condition: must evaluate to a boolean, got ${described}` },
      });
    },
  );
});
