import { describe, expect, it } from 'vitest';
import type { Json } from '@switchyard/schema';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { combine } from './combine.js';
import { mergeDefinition } from './definition.js';
import { mergeExecutor } from './execute.js';

describe('merge params', () => {
  it('takes a mode, and a key for byKey only', () => {
    expectValid(mergeDefinition, {});
    expectValid(mergeDefinition, { mode: 'first' });
    expectValid(mergeDefinition, { mode: 'byKey', key: 'id' });
    expect(issuesOf(mergeDefinition, { mode: 'zip' })).toEqual([{ path: ['mode'], message: 'mode is one of "all", "first", "append", "byPosition", "byKey"' }]);
    expect(issuesOf(mergeDefinition, { mode: 'byKey' })).toEqual([{ path: ['key'], message: 'mode "byKey" needs a key: the field whose values pair the items' }]);
    expect(issuesOf(mergeDefinition, { mode: 'append', key: 'id' })).toEqual([{ path: ['key'], message: 'key is only for mode "byKey" (the mode is "append")' }]);
    expect(issuesOf(mergeDefinition, { mode: 'byKey', key: '' })).toEqual([{ path: ['key'], message: 'key is a field name of 1 to 200 characters' }]);
  });

  it('declares its join mode: first runs at the first live input, every other mode waits for all', () => {
    expect(mergeDefinition.joinMode?.({ mode: 'first' })).toBe('first');
    expect(mergeDefinition.joinMode?.({ mode: 'append' })).toBe('all');
    expect(mergeDefinition.joinMode?.({})).toBe('all');
    expect(mergeDefinition.outputs({})).toBeNull();
  });
});

describe('combine', () => {
  const customers: Array<[string, Json]> = [
    ['crm', [{ id: 1, name: 'Ada' }, { id: 2, name: 'Lin' }, { id: 3, name: 'Kay' }]],
    ['billing', [{ id: 2, plan: 'pro' }, { id: 1, plan: 'free' }, { id: 9, plan: 'team' }]],
  ];

  it('all: the live inputs keyed by node id', () => {
    expect(combine([['a', 1], ['b', { x: 2 }]], 'all', undefined)).toEqual({ ok: true, value: { a: 1, b: { x: 2 } } });
  });

  it('first: the first input', () => {
    expect(combine([['b', { x: 2 }]], 'first', undefined)).toEqual({ ok: true, value: { x: 2 } });
  });

  it('append: the items of every input, in edge order', () => {
    expect(combine([['a', [1, 2]], ['b', [3]]], 'append', undefined)).toEqual({ ok: true, value: [1, 2, 3] });
  });

  it('byPosition: item i of each input merged, as long as the longest', () => {
    expect(combine([['a', [{ x: 1 }, { x: 2 }]], ['b', [{ y: 1 }]]], 'byPosition', undefined)).toEqual({ ok: true, value: [{ x: 1, y: 1 }, { x: 2 }] });
  });

  it('byKey: the first input’s items with the matching items of the others merged in', () => {
    expect(combine(customers, 'byKey', 'id')).toEqual({
      ok: true,
      value: [{ id: 1, name: 'Ada', plan: 'free' }, { id: 2, name: 'Lin', plan: 'pro' }, { id: 3, name: 'Kay' }],
    });
    expect(combine([['a', [{ id: '1' }]], ['b', [{ id: 1, n: 1 }]]], 'byKey', 'id')).toEqual({ ok: true, value: [{ id: '1' }] });
  });

  it('an input that is not an array is named', () => {
    expect(combine([['a', [1]], ['b', { x: 1 }]], 'append', undefined)).toEqual({ ok: false, message: 'mode "append" combines arrays, but the input from \'b\' is object' });
  });
});

describe('merge executor', () => {
  it('combines a join input, and fails with invalid_request on a non-array', async () => {
    const input = { a: [1], b: [2, 3] };
    expect(await mergeExecutor.execute({ mode: 'append' }, makeContext({ input, isJoin: true }))).toEqual({ ok: true, output: [1, 2, 3] });
    expect(await mergeExecutor.execute({ mode: 'append' }, makeContext({ input: { a: [1], b: 'x' }, isJoin: true }))).toEqual({
      ok: false,
      failure: { category: 'invalid_request', message: 'mode "append" combines arrays, but the input from \'b\' is string' },
    });
  });

  it('with a single incoming edge takes that input as it is', async () => {
    expect(await mergeExecutor.execute({ mode: 'all' }, makeContext({ input: { a: 1 } }))).toEqual({ ok: true, output: { input: { a: 1 } } });
  });
});
