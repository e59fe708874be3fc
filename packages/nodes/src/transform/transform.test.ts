import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { transformDefinition } from './definition.js';
import { transformExecutor } from './execute.js';

describe('transform', () => {
  it('takes an expression (a template, or JSON holding templates)', () => {
    expectValid(transformDefinition, { expression: "{{ { 'approved': true } }}" });
    expectValid(transformDefinition, { expression: { a: '{{ $input.a }}', b: [1, 2] } });
    expect(issuesOf(transformDefinition, {})).toEqual([{ path: ['expression'], message: 'expression is required' }]);
    expect(issuesOf(transformDefinition, { expression: 'x', extra: 1 })).toEqual([{ path: [], message: 'unknown field "extra"' }]);
  });

  it('outputs the evaluated value, and null when it evaluated to undefined', async () => {
    expect(await transformExecutor.execute({ expression: { approved: true } }, makeContext())).toEqual({ ok: true, output: { approved: true } });
    expect(await transformExecutor.execute({ expression: 0 }, makeContext())).toEqual({ ok: true, output: 0 });
    expect(await transformExecutor.execute({}, makeContext())).toEqual({ ok: true, output: null });
  });

  it('can fail (its expression can), is pure and retry-safe', () => {
    expect(transformDefinition.canFail).toBe(true);
    expect(transformExecutor.pure).toBe(true);
    expect(transformExecutor.retrySafe({}, { idempotencyKeyExplicit: false })).toBe(true);
    expect(transformDefinition.outputs({})).toBeNull();
  });
});
