import { describe, expect, it, vi } from 'vitest';
import { ExpressionError, resolveTemplates, type EvaluationContext } from './index.js';

const ctx: EvaluationContext = {
  bindings: {
    input: { body: { id: 7, name: 'Ada', tags: ['x'] } },
    trigger: { kind: 'manual', body: { email: 'ada@example.com' } },
  },
  now: () => 0,
};

describe('resolveTemplates', () => {
  it('walks objects and arrays and resolves every string', async () => {
    const params = {
      url: 'https://api.example.com/users/{{ body.id }}',
      method: 'POST',
      headers: { 'x-name': '{{ body.name }}' },
      body: { id: '{{ body.id }}', tags: '{{ body.tags }}', list: ['{{ body.id }}', 'plain', 3, true, null], email: '{{ $trigger.body.email }}' },
      retries: 3,
    };
    expect(await resolveTemplates(params, ctx)).toStrictEqual({
      url: 'https://api.example.com/users/7',
      method: 'POST',
      headers: { 'x-name': 'Ada' },
      body: { id: 7, tags: ['x'], list: [7, 'plain', 3, true, null], email: 'ada@example.com' },
      retries: 3,
    });
  });

  it('omits an object key whose template is undefined, and keeps the order of the rest', async () => {
    const result = await resolveTemplates({ a: 1, gone: '{{ body.missing }}', b: '{{ body.id }}', c: 'x' }, ctx);
    expect(result).toStrictEqual({ a: 1, b: 7, c: 'x' });
    expect(Object.keys(result as object)).toStrictEqual(['a', 'b', 'c']);
  });

  it('keeps a key whose template is null', async () => {
    const result = await resolveTemplates({ a: '{{ null }}' }, ctx);
    expect(result).toStrictEqual({ a: null });
  });

  it('puts null in an array for an undefined template', async () => {
    expect(await resolveTemplates(['{{ body.missing }}', 1], ctx)).toStrictEqual([null, 1]);
  });

  it('returns null at the top level for an undefined template', async () => {
    expect(await resolveTemplates('{{ body.missing }}', ctx)).toBeNull();
    expect(await resolveTemplates('{{ body.id }}', ctx)).toBe(7);
    expect(await resolveTemplates('plain', ctx)).toBe('plain');
  });

  it('returns other values as they are', async () => {
    for (const value of [1, 0, true, false, null, undefined]) expect(await resolveTemplates(value, ctx)).toBe(value);
  });

  it('does not change its argument and returns a copy', async () => {
    const params = { a: { b: '{{ body.id }}' }, c: ['{{ body.name }}'] };
    const before = structuredClone(params);
    const result = (await resolveTemplates(params, ctx)) as typeof params;
    expect(params).toStrictEqual(before);
    expect(result).not.toBe(params);
    expect(result.a).not.toBe(params.a);
  });

  it('leaves the subtrees skip selects untouched, and passes paths', async () => {
    const schema = { type: 'object', description: '{{ not a template here' };
    const params = { expect: { schema, status: '{{ 200 + 1 }}' }, list: [{ keep: '{{ body.id }}' }] };
    const skip = vi.fn((path: ReadonlyArray<string | number>) => path.join('.') === 'expect.schema' || path.join('.') === 'list.0.keep');
    const result = (await resolveTemplates(params, ctx, { skip })) as { expect: { schema: unknown; status: unknown }; list: unknown };
    expect(result.expect.schema).toBe(schema);
    expect(result.expect.status).toBe(201);
    expect(result.list).toStrictEqual([{ keep: '{{ body.id }}' }]);
    const paths = skip.mock.calls.map(([path]) => path.join('.'));
    expect(paths).toContain('');
    expect(paths).toContain('expect.status');
    expect(paths).toContain('list.0');
    expect(paths).not.toContain('expect.schema.type');
    expect(skip.mock.calls.find(([path]) => path.join('.') === 'list.0')?.[0]).toStrictEqual(['list', 0]);
  });

  it('skip at the root returns the value as it is', async () => {
    const params = { a: '{{ broken' };
    expect(await resolveTemplates(params, ctx, { skip: (path) => path.length === 0 })).toBe(params);
  });

  it('evaluates templates in document order and stops at the first failure', async () => {
    let t = 0;
    const now = vi.fn(() => t++);
    const params = { a: '{{ $millis() }}', b: { c: '{{ $millis() }}', d: ['{{ $millis() }}'] }, e: '{{ $millis() }}' };
    expect(await resolveTemplates(params, { ...ctx, now })).toStrictEqual({ a: 0, b: { c: 1, d: [2] }, e: 3 });
    const failing = { first: '{{ $boom() }}', second: '{{ $number("x") }}' };
    const error = await resolveTemplates(failing, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(/\$boom/);
  });

  it('fails with a syntax error on a template that does not parse', async () => {
    const error = await resolveTemplates({ a: { b: 'x {{ y' } }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).kind).toBe('syntax');
  });

  it('handles params nested thousands deep without overflowing the stack', async () => {
    let params: unknown = '{{ body.id }}';
    for (let i = 0; i < 20_000; i++) params = i % 2 === 0 ? [params] : { k: params };
    let result = await resolveTemplates(params, ctx);
    for (let i = 19_999; i >= 0; i--) result = i % 2 === 0 ? (result as unknown[])[0] : (result as { k: unknown }).k;
    expect(result).toBe(7);
  });

  it('gives skip the full path even deep down', async () => {
    let params: unknown = '{{ body.id }}';
    for (let i = 0; i < 2000; i++) params = [params];
    const deepest = vi.fn((path: ReadonlyArray<string | number>) => path.length === 2000);
    expect(await resolveTemplates(params, ctx, { skip: deepest })).toStrictEqual(params);
    expect(deepest).toHaveBeenCalledTimes(2001);
  });

  it('refuses a value that contains itself (not JSON)', async () => {
    const cyclic: Record<string, unknown> = { a: '{{ 1 }}' };
    cyclic['self'] = cyclic;
    await expect(resolveTemplates(cyclic, ctx)).rejects.toThrow(/contains itself at key "self"/);
    await expect(resolveTemplates({ a: cyclic }, ctx, { skip: () => false })).rejects.toThrow(/contains itself at \["a","self"\]/);
  });

  it('accepts the same object twice (shared, not cyclic)', async () => {
    const shared = { v: '{{ body.id }}' };
    expect(await resolveTemplates({ a: shared, b: [shared] }, ctx)).toStrictEqual({ a: { v: 7 }, b: [{ v: 7 }] });
  });

  it('keeps a __proto__ key as data, in the copy and from a template', async () => {
    const params = JSON.parse('{"__proto__": {"polluted": "{{ body.id }}"}, "x": "{{ {\\"__proto__\\": 1} }}"}') as unknown;
    const result = (await resolveTemplates(params, ctx)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toStrictEqual({ polluted: 7 });
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('uses the limits of the context for every template', async () => {
    const error = await resolveTemplates({ a: ['{{ [1..20] }}'] }, { ...ctx, limits: { maxSequenceLength: 10 } }).catch((e: unknown) => e);
    expect((error as ExpressionError).kind).toBe('sequence');
  });
});
