import { afterEach, describe, expect, it } from 'vitest';
import { evaluateTemplate, ExpressionError, type Bindings, type EvaluationContext } from './index.js';

function ctx(bindings: Bindings): EvaluationContext {
  return { bindings, now: () => 0 };
}

const input = { body: { id: 1 }, list: [{ a: 1 }] };
const nodes = { fetch: { body: { ok: true } } };

afterEach(() => {
  // Nothing a template does may reach the shared prototypes.
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Array.prototype).not.toHaveProperty('polluted');
});

describe('templates cannot reach host objects', () => {
  it.each([
    '{{ body.__proto__ }}',
    '{{ body.constructor }}',
    '{{ $input.constructor }}',
    '{{ $nodes.constructor }}',
    '{{ $nodes.hasOwnProperty }}',
    '{{ $nodes.toString }}',
    '{{ list.constructor }}',
    '{{ list.__proto__ }}',
    '{{ body.id.constructor }}',
    '{{ "abc".constructor }}',
    "{{ $lookup($input, 'constructor') }}",
    "{{ $lookup($input, '__proto__') }}",
    "{{ $lookup(body, 'toString') }}",
    '{{ $input.`__proto__`.`constructor` }}',
    '{{ $keys($input.body) = "id" ? null : "inherited keys seen" }}',
  ])('%s reads nothing', async (text) => {
    expect(await evaluateTemplate(text, ctx({ input, nodes }))).toBeNull();
  });

  it('cannot call the Function constructor', async () => {
    // The path finds nothing, so nothing is called.
    expect(await evaluateTemplate('{{ $input.constructor.constructor("return process")() }}', ctx({ input }))).toBeNull();
    const error = await evaluateTemplate('{{ ($c := $input.constructor; $c("return process")()) }}', ctx({ input })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).kind).toBe('runtime');
  });

  it('reads a __proto__ key that is JSON data (as JSON.parse makes it)', async () => {
    const data = JSON.parse('{"body": {"__proto__": {"x": 5}, "constructor": "data"}}') as unknown;
    expect(await evaluateTemplate('{{ body.__proto__.x }}', ctx({ input: data }))).toBe(5);
    expect(await evaluateTemplate('{{ body.constructor }}', ctx({ input: data }))).toBe('data');
  });

  it('an object built with a __proto__ key is data, not a prototype', async () => {
    const result = await evaluateTemplate('{{ {"__proto__": {"polluted": true}, "a": 1} }}', ctx({ input }));
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toStrictEqual({ polluted: true });
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });

  it('$merge and $spread of data with a __proto__ key pollute nothing', async () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "b": 2}') as unknown;
    const merged = await evaluateTemplate('{{ $merge([{"a": 1}, $input]) }}', ctx({ input: data }));
    expect((merged as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    await evaluateTemplate('{{ $spread($input) }}', ctx({ input: data }));
    await evaluateTemplate('{{ $input ~> | $ | {"__proto__": {"polluted": true}} | }}', ctx({ input: data }));
  });

  it('a function value never leaves as a function', async () => {
    expect(await evaluateTemplate('{{ function($x){ $x } }}', ctx({ input }))).toBeNull();
    expect(await evaluateTemplate('{{ $uppercase }}', ctx({ input }))).toBeNull();
    expect(await evaluateTemplate('{{ [1, $uppercase] }}', ctx({ input }))).toStrictEqual([1, null]);
    expect(await evaluateTemplate('{{ {"f": function(){ 1 }, "a": 1} }}', ctx({ input }))).toStrictEqual({ a: 1 });
    expect(await evaluateTemplate('f={{ function($x){ $x } }}', ctx({ input }))).toBe('f=');
  });

  it('results are plain JSON: ordinary objects, plain arrays', async () => {
    const result = (await evaluateTemplate('{{ {"a": list.a, "b": [1, 2].($ * 2)} }}', ctx({ input }))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result).toStrictEqual({ a: 1, b: [2, 4] });
    expect(Object.keys(result['b'] as unknown[])).toStrictEqual(['0', '1']);
  });
});
