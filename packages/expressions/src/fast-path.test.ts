import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { bindingVariables, type Bindings } from './context.js';
import { compileFastPath, FALLBACK } from './fast-path.js';
import { toJsonValue } from './to-json.js';

const KEYS = ['a', 'b', 'id', 'constructor', 'toString', 'x y', 'length'];
const STARTS = ['$input', '$trigger', '$nodes', '$failure', '$', '$$', ''];
const LITERALS = ['"lit"', "':'", '1', '1.5', '-0', 'true', 'false', 'null', '""'];

function name(key: string): string {
  return /^[a-z]+$/i.test(key) ? key : `\`${key}\``;
}

const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0.1 + 0.2, 1e21, 123456789.12345679, -0, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
);

const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('json'), { maxKeys: 4 }),
  ),
}));

const bindings = fc.record<Bindings>(
  { input: json, trigger: json, nodes: fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 3 }), failure: json },
  { requiredKeys: [] },
);

const path = fc
  .tuple(fc.constantFrom(...STARTS), fc.array(fc.constantFrom(...KEYS), { minLength: 0, maxLength: 4 }))
  .filter(([start, keys]) => start !== '' || keys.length > 0)
  .map(([start, keys]) => [start, ...keys.map(name)].filter((part) => part !== '').join('.'));

const operand = fc.oneof(path, fc.constantFrom(...LITERALS));
const expression = fc.oneof(
  path,
  fc.array(operand, { minLength: 2, maxLength: 4 }).map((parts) => parts.join(' & ')),
);

// toStrictEqual compares `constructor` properties by identity, and the data has `constructor` keys.
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      Object.getPrototypeOf(a) === Object.getPrototypeOf(b) &&
      ka.length === kb.length &&
      ka.every((key, i) => key === kb[i] && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return Object.is(a, b);
}

async function viaJsonata(source: string, given: Bindings): Promise<{ value: unknown } | { error: unknown }> {
  try {
    return { value: toJsonValue(await jsonata(source).evaluate(given.input, bindingVariables(given))) };
  } catch (error) {
    return { error };
  }
}

describe('fast path', () => {
  it('gives exactly what JSONata gives, whenever it answers', async () => {
    let answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(expression, bindings, async (source, given) => {
        runs++;
        const fast = compileFastPath(jsonata(source).ast());
        expect(fast, source).toBeDefined();
        if (fast === undefined) return;
        const result = fast(given, given.input);
        if (result === FALLBACK) return;
        answered++;
        const expected = await viaJsonata(source, given);
        expect('value' in expected, `${source}: JSONata failed where the fast path answered`).toBe(true);
        if ('value' in expected) expect(sameJson(expected.value, toJsonValue(result)), source).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // The property is only worth something if the fast path answers often.
    expect(answered / runs).toBeGreaterThan(0.5);
  });

  it.each([
    'body.items[0]',
    'body.items[]',
    'body.items.$count()',
    '$x.a',
    '$now()',
    '$millis',
    'body.a + 1',
    '"a" & $string(1)',
    'body{ "k": 1 }',
    'body^(a)',
    'body#$i',
    'body@$v',
    '**.a',
    'body.*',
    '(body.a)',
    '1 - 1',
  ])('has no fast path for %s', (source) => {
    expect(compileFastPath(jsonata(source).ast())).toBeUndefined();
  });

  it('falls back on arrays, where JSONata maps', () => {
    const fast = compileFastPath(jsonata('$input.list.a').ast());
    const input = { list: [{ a: 1 }, { a: 2 }] };
    expect(fast?.({ input }, input)).toBe(FALLBACK);
    expect(compileFastPath(jsonata('$input.list').ast())?.({ input }, input)).toBe(FALLBACK);
    expect(compileFastPath(jsonata('$').ast())?.({ input: [1] }, [1])).toBe(FALLBACK);
  });

  it('falls back where JSONata would serialize or refuse in a concatenation', () => {
    const input = { o: { a: 1 }, inf: Infinity };
    expect(compileFastPath(jsonata('"x" & o').ast())?.({ input }, input)).toBe(FALLBACK);
    expect(compileFastPath(jsonata('"x" & inf').ast())?.({ input }, input)).toBe(FALLBACK);
  });

  it('reads own properties only', () => {
    const fast = compileFastPath(jsonata('$input.constructor').ast());
    expect(fast?.({ input: {} }, {})).toBeUndefined();
    const data = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(compileFastPath(jsonata('`__proto__`.x').ast())?.({ input: data }, data)).toBe(1);
  });

  it('reads the bindings, and $ and $$ as the input', () => {
    const given: Bindings = { input: { a: 1 }, trigger: { a: 2 }, run: { id: 'r' } };
    expect(compileFastPath(jsonata('$trigger.a').ast())?.(given, given.input)).toBe(2);
    expect(compileFastPath(jsonata('$run.id').ast())?.(given, given.input)).toBe('r');
    expect(compileFastPath(jsonata('$.a').ast())?.(given, given.input)).toBe(1);
    expect(compileFastPath(jsonata('$$.a').ast())?.(given, given.input)).toBe(1);
    expect(compileFastPath(jsonata('a').ast())?.(given, given.input)).toBe(1);
    expect(compileFastPath(jsonata('$run').ast())?.(given, given.input)).toStrictEqual({ id: 'r' });
    expect(compileFastPath(jsonata('$integration.id').ast())?.(given, given.input)).toBeUndefined();
    expect(compileFastPath(jsonata('$run.id & ":" & 1.5 & true & null').ast())?.(given, given.input)).toBe('r:1.5truenull');
  });
});
