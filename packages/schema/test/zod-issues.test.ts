import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapZodIssues } from '../src/validate/zod-issues.js';

function mapped(schema: z.ZodType, value: unknown): Array<[Array<string | number>, string, string]> {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to fail');
  return mapZodIssues(result.error.issues, value, ['nodes', 0, 'params']).map((i) => [i.path, i.code, i.message]);
}

describe('mapZodIssues', () => {
  it('locates the issues of the union option an object was meant for', () => {
    const auth = z.strictObject({ auth: z.union([z.literal('none'), z.strictObject({ header: z.string(), credential: z.string() })]) });
    expect(mapped(auth, { auth: { header: 1, credential: 'c' } })).toEqual([
      [['nodes', 0, 'params', 'auth', 'header'], 'invalid_type', 'expected a string, got an integer'],
    ]);
  });

  it('falls back to one issue when no option is closer than another', () => {
    expect(mapped(z.strictObject({ v: z.union([z.literal('a'), z.number()]) }), { v: 'b' })).toEqual([
      [['nodes', 0, 'params', 'v'], 'invalid_union', 'does not match any of the allowed forms'],
    ]);
  });

  it('reports the matched option of a discriminated union in params', () => {
    const auth = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('none') }), z.strictObject({ kind: z.literal('header'), header: z.string() })]);
    expect(mapped(z.strictObject({ auth }), { auth: { kind: 'header' } })).toEqual([
      [['nodes', 0, 'params', 'auth', 'header'], 'missing_field', "missing required field 'header'"],
    ]);
    expect(mapped(z.strictObject({ auth }), { auth: { kind: 'basic' } })).toEqual([
      [['nodes', 0, 'params', 'auth', 'kind'], 'invalid_value', "'kind' must be one of 'none', 'header'"],
    ]);
  });

  it('explains record keys, multiples, exact sizes, exclusive bounds and custom checks', () => {
    expect(mapped(z.record(z.string().regex(/^x-/), z.string()), { accept: 'a' })).toEqual([
      [['nodes', 0, 'params', 'accept'], 'invalid_key', "invalid key 'accept': must match /^x-/"],
    ]);
    expect(mapped(z.number().multipleOf(5), 7)).toEqual([[['nodes', 0, 'params'], 'invalid_value', 'must be a multiple of 5']]);
    expect(mapped(z.array(z.number()).length(2), [1])).toEqual([[['nodes', 0, 'params'], 'too_small', 'must have exactly 2 items']]);
    expect(mapped(z.string().length(1), 'ab')).toEqual([[['nodes', 0, 'params'], 'too_big', 'must be exactly 1 character long']]);
    expect(mapped(z.number().lt(3), 3)).toEqual([[['nodes', 0, 'params'], 'too_big', 'must be less than 3']]);
    expect(mapped(z.number().refine((n) => n % 2 === 0, 'must be even'), 3)).toEqual([[['nodes', 0, 'params'], 'invalid_value', 'must be even']]);
    expect(mapped(z.string().email(), 'nope')).toEqual([[['nodes', 0, 'params'], 'invalid_format', 'must be a valid email']]);
  });

  it('says what came instead of the expected type', () => {
    const s = z.strictObject({ a: z.string(), b: z.number().int(), c: z.array(z.string()), d: z.boolean() });
    expect(mapped(s, { a: null, b: 1.5, c: {}, d: [] })).toEqual([
      [['nodes', 0, 'params', 'a'], 'invalid_type', 'expected a string, got null'],
      [['nodes', 0, 'params', 'b'], 'invalid_type', 'expected an integer, got a number'],
      [['nodes', 0, 'params', 'c'], 'invalid_type', 'expected an array, got an object'],
      [['nodes', 0, 'params', 'd'], 'invalid_type', 'expected a boolean, got an array'],
    ]);
  });
});
