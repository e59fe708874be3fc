import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { setDefinition } from './definition.js';
import { setExecutor } from './execute.js';
import { setInfo } from './info.js';

describe('set', () => {
  it('takes at least one field, each any JSON or a template, and keepInput as a boolean or a template', () => {
    expectValid(setDefinition, { fields: { status: 'done', total: '{{ $input.a + $input.b }}', tags: ['x'] } });
    expectValid(setDefinition, { fields: { copy: '{{ $input }}' }, keepInput: false });
    expectValid(setDefinition, { fields: { copy: null }, keepInput: '{{ $trigger.body.merge }}' });
    expect(issuesOf(setDefinition, {})).toEqual([{ path: ['fields'], message: 'fields is required' }]);
    expect(issuesOf(setDefinition, { fields: [] })).toEqual([{ path: ['fields'], message: 'fields is an object of field names and values' }]);
    expect(issuesOf(setDefinition, { fields: {} })).toEqual([{ path: ['fields'], message: 'fields names at least one field' }]);
    expect(issuesOf(setDefinition, { fields: { '': 1 } })).toEqual([
      { path: ['fields', ''], message: 'a field name is 1 to 200 characters, and not __proto__' },
    ]);
    expect(issuesOf(setDefinition, { fields: { a: 1 }, keepInput: 'yes' })).toEqual([
      { path: ['keepInput'], message: 'expected a boolean, or a {{ template }}' },
    ]);
    expect(issuesOf(setDefinition, { fields: { a: 1 }, keep: true })).toEqual([{ path: [], message: 'unknown field "keep"' }]);
  });

  it('refuses more than 100 fields', () => {
    const fields = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, i]));
    expect(issuesOf(setDefinition, { fields })).toEqual([{ path: ['fields'], message: 'fields names at most 100 fields' }]);
  });

  it('sets the fields over its input object, without changing the input', async () => {
    const input = { id: 7, status: 'new' };
    const result = await setExecutor.execute({ fields: { status: 'done', total: 12 } }, makeContext({ input }));
    expect(result).toEqual({ ok: true, output: { id: 7, status: 'done', total: 12 } });
    expect(input).toEqual({ id: 7, status: 'new' });
  });

  it('outputs only the fields when keepInput is false or the input is not an object', async () => {
    const fields = { status: 'done' };
    expect(await setExecutor.execute({ fields, keepInput: false }, makeContext({ input: { id: 7 } }))).toEqual({ ok: true, output: fields });
    expect(await setExecutor.execute({ fields }, makeContext({ input: [1, 2] }))).toEqual({ ok: true, output: fields });
    expect(await setExecutor.execute({ fields }, makeContext({ input: null }))).toEqual({ ok: true, output: fields });
  });

  it('fails with invalid_request when keepInput evaluated to something else than a boolean', async () => {
    expect(await setExecutor.execute({ fields: { a: 1 }, keepInput: 'yes' }, makeContext())).toEqual({
      ok: false,
      failure: { category: 'invalid_request', message: 'invalid params: keepInput: must evaluate to a boolean, got a string ("yes")' },
    });
  });

  it('shows the field names on its card', () => {
    expect(setInfo.summary({ fields: { status: 'done', total: 1 } })).toBe('set status, total');
    expect(setInfo.summary({})).toBe('set');
  });
});
