import { describe, expect, it, vi } from 'vitest';
import { evaluateTemplate, ExpressionError, type Bindings, type EvaluationContext } from './index.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function ctx(bindings: Bindings = {}, now: () => number = () => NOW): EvaluationContext {
  return { bindings, now };
}

const input = {
  body: { id: 42, name: 'Ada', tags: ['a', 'b'], price: 0.1, nested: { ok: true }, nothing: null },
  status: 200,
};

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected the evaluation to fail');
}

describe('evaluateTemplate: types', () => {
  it.each<[string, unknown]>([
    ['{{ body.id }}', 42],
    ['{{ body.name }}', 'Ada'],
    ['{{ body.tags }}', ['a', 'b']],
    ['{{ body.nested }}', { ok: true }],
    ['{{ body.nested.ok }}', true],
    ['{{ body.nothing }}', null],
    ['{{ body.price * 10 }}', 1],
    ['{{ [1, "two", false, null] }}', [1, 'two', false, null]],
    ['{{ {"a": [1, {"b": 2}]} }}', { a: [1, { b: 2 }] }],
    ['   {{ body.id }}   ', 42],
    ['{{ body.id > 40 }}', true],
    ['{{ $count(body.tags) }}', 2],
  ])('a single segment keeps its JSON type: %s', async (text, expected) => {
    expect(await evaluateTemplate(text, ctx({ input }))).toStrictEqual(expected);
  });

  it('undefined at the top level becomes null', async () => {
    expect(await evaluateTemplate('{{ body.missing }}', ctx({ input }))).toBeNull();
    expect(await evaluateTemplate('{{ $undefinedVariable }}', ctx({ input }))).toBeNull();
  });

  it('a literal template comes back as it is, without touching the clock', async () => {
    const now = vi.fn(() => NOW);
    expect(await evaluateTemplate('no segments here', ctx({ input }, now))).toBe('no segments here');
    expect(await evaluateTemplate('escaped \\{{ body.id }}', ctx({ input }, now))).toBe('escaped {{ body.id }}');
    expect(await evaluateTemplate('', ctx({ input }, now))).toBe('');
    expect(now).not.toHaveBeenCalled();
  });
});

describe('evaluateTemplate: interpolation', () => {
  it.each<[string, string]>([
    ['id={{ body.id }}', 'id=42'],
    ['Hello {{ body.name }}!', 'Hello Ada!'],
    ['[{{ body.missing }}]', '[]'],
    ['[{{ body.nothing }}]', '[]'],
    ['tags={{ body.tags }}', 'tags=["a","b"]'],
    ['obj={{ body.nested }}', 'obj={"ok":true}'],
    ['{{ body.nested.ok }}!', 'true!'],
    ['{{ body.id }}{{ body.name }}', '42Ada'],
    ['{{ body.id }} {{ body.name }}', '42 Ada'],
    ['sum={{ 0.1 + 0.2 }}', `sum=${JSON.stringify(0.1 + 0.2)}`],
    ['{{ "a\\"b" }}-', 'a"b-'],
    ['fn={{ $string }}', 'fn='],
    ['\\{{ {{ body.id }} }}', '{{ 42 }}'],
  ])('%s -> %s', async (text, expected) => {
    expect(await evaluateTemplate(text, ctx({ input }))).toBe(expected);
  });
});

describe('evaluateTemplate: context and bindings', () => {
  const bindings: Bindings = {
    trigger: { kind: 'webhook', body: { domain: 'example.com' }, headers: { 'content-type': 'application/json' } },
    input,
    nodes: { reserve: { body: { id: 'r-1' } } },
    run: { id: 'run-1', workflowId: 'wf', workflowVersion: 3 },
    node: { id: 'charge', attempt: 2, epoch: 0 },
    failure: { nodeId: 'charge', category: 'timeout', message: 'slow', httpStatus: null, attempts: 3 },
    compensating: { nodeId: 'reserve', params: { sku: 'x' }, output: { ok: true } },
    integration: { id: 'stripe', baseUrl: 'https://api.stripe.com' },
  };

  it.each<[string, unknown]>([
    ['{{ $trigger.body.domain }}', 'example.com'],
    ['{{ $trigger.headers.`content-type` }}', 'application/json'],
    ['{{ $input.body.id }}', 42],
    ['{{ $nodes.reserve.body.id }}', 'r-1'],
    ['{{ $run.workflowVersion }}', 3],
    ['{{ $node.attempt }}', 2],
    ['{{ $failure.category }}', 'timeout'],
    ['{{ $compensating.params.sku }}', 'x'],
    ['{{ $integration.baseUrl }}', 'https://api.stripe.com'],
    ["{{ $run.id & ':' & $node.id & ':' & $node.epoch }}", 'run-1:charge:0'],
    ['{{ $exists($nodes.reserve) }}', true],
    ['{{ $exists($nodes.skipped) }}', false],
  ])('%s', async (text, expected) => {
    expect(await evaluateTemplate(text, ctx(bindings))).toStrictEqual(expected);
  });

  it('the context $ is $input', async () => {
    expect(await evaluateTemplate('{{ body.id = $input.body.id }}', ctx(bindings))).toBe(true);
    expect(await evaluateTemplate('{{ $ = $input }}', ctx(bindings))).toBe(true);
    expect(await evaluateTemplate('{{ $$.status }}', ctx(bindings))).toBe(200);
  });

  it('every binding is bound, to undefined where it does not apply', async () => {
    for (const name of ['trigger', 'input', 'nodes', 'run', 'node', 'failure', 'compensating', 'integration']) {
      expect(await evaluateTemplate(`{{ $exists($${name}) }}`, ctx({}))).toBe(false);
      expect(await evaluateTemplate(`{{ $exists($${name}) }}`, ctx(bindings))).toBe(true);
    }
    expect(await evaluateTemplate('{{ body.id }}', ctx({}))).toBeNull();
  });

  it('only the documented bindings are visible', async () => {
    const extra = { ...bindings, secret: 'hunter2' } as Bindings;
    expect(await evaluateTemplate('{{ $secret }}', ctx(extra))).toBeNull();
  });

  it('an array input is the context as JSONata treats arrays', async () => {
    const list = [{ id: 1 }, { id: 2 }];
    expect(await evaluateTemplate('{{ id }}', ctx({ input: list }))).toStrictEqual([1, 2]);
    expect(await evaluateTemplate('{{ $[0].id }}', ctx({ input: list }))).toBe(1);
    expect(await evaluateTemplate('{{ $count($input) }}', ctx({ input: list }))).toBe(2);
  });

  it('does not change the bindings it reads', async () => {
    const data = { body: { items: [{ n: 2 }, { n: 1 }], s: 'x' } };
    const copy = structuredClone(data);
    await evaluateTemplate('{{ $sort(body.items, function($a, $b){ $a.n > $b.n }) }}', ctx({ input: data }));
    await evaluateTemplate('{{ $ ~> | body | {"s": "changed"} | }}', ctx({ input: data }));
    expect(data).toStrictEqual(copy);
  });
});

describe('evaluateTemplate: the injected clock', () => {
  it('$millis() reads ctx.now()', async () => {
    expect(await evaluateTemplate('{{ $millis() }}', ctx())).toBe(NOW);
  });

  it('$now() is ISO 8601 of ctx.now(), like JSONata', async () => {
    expect(await evaluateTemplate('{{ $now() }}', ctx())).toBe(new Date(NOW).toISOString());
    expect(await evaluateTemplate('{{ $now() }}', ctx({}, () => 0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it("$now(picture, timezone) formats as JSONata's $fromMillis does", async () => {
    expect(await evaluateTemplate("{{ $now('[Y0001]-[M01]-[D01]') }}", ctx())).toBe('2024-01-02');
    expect(await evaluateTemplate("{{ $now(undefined, '+0100') }}", ctx())).toBe('2024-01-02T04:04:05.678+01:00');
    expect(await evaluateTemplate("{{ $now() = $fromMillis($millis()) }}", ctx())).toBe(true);
  });

  it('reads the clock once per template, so every call agrees', async () => {
    let t = 1000;
    const now = vi.fn(() => t++);
    expect(await evaluateTemplate('{{ $millis() }}/{{ $millis() }}/{{ $millis() }}', ctx({}, now))).toBe('1000/1000/1000');
    expect(now).toHaveBeenCalledTimes(1);
    expect(await evaluateTemplate('{{ $millis() }}', ctx({}, now))).toBe(1001);
  });

  it('never reads the real clock', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      expect(await evaluateTemplate('{{ $now() }}', ctx())).toBe(new Date(NOW).toISOString());
    } finally {
      vi.useRealTimers();
    }
  });

  it('a user-defined $fromMillis does not change $now()', async () => {
    expect(await evaluateTemplate('{{ ($fromMillis := function($x){ "fake" }; $now()) }}', ctx())).toBe(new Date(NOW).toISOString());
  });

  it('$now and $millis keep their JSONata signatures', async () => {
    expect((await failure(evaluateTemplate('{{ $millis(1) }}', ctx()))).kind).toBe('runtime');
    expect((await failure(evaluateTemplate('{{ $now(1) }}', ctx()))).kind).toBe('runtime');
  });

  it('a clock that returns no number is a runtime error', async () => {
    const error = await failure(evaluateTemplate('{{ $millis() }}', ctx({}, () => Number.NaN)));
    expect(error.kind).toBe('runtime');
    expect(error.message).toMatch(/clock/);
  });

  it('$now() works inside $eval and inside functions', async () => {
    expect(await evaluateTemplate("{{ $eval('$millis()') }}", ctx())).toBe(NOW);
    expect(await evaluateTemplate('{{ (function(){ $millis() })() }}', ctx())).toBe(NOW);
  });
});

describe('evaluateTemplate: errors', () => {
  it('a template that does not parse is an ExpressionError of kind syntax', async () => {
    const error = await failure(evaluateTemplate('x {{ body.id', ctx({ input })));
    expect(error.kind).toBe('syntax');
    expect(error.message).toMatch(/unclosed "\{\{" at offset 2/);
    expect(error.position).toBe(2);
  });

  it.each([
    ["{{ $number('x') }}", /Unable to cast value to a number/, 'D3030'],
    ['{{ $notAFunction() }}', /invoke a non-function/, 'T1006'],
    ['{{ body.name + 1 }}', /must evaluate to a number/, 'T2001'],
    ['{{ $error("custom failure") }}', /custom failure/, 'D3137'],
    ['{{ $string(1/0) }}', /Attempting to invoke string function on Infinity or NaN/, 'D3001'],
  ])('%s is an ExpressionError of kind runtime', async (text, message, code) => {
    const error = await failure(evaluateTemplate(text, ctx({ input })));
    expect(error.kind).toBe('runtime');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(text.replace(/^\{\{|\}\}$/g, ''));
    expect(error.code).toBe(code);
  });

  it('a failing segment of an interpolated template names that segment', async () => {
    const error = await failure(evaluateTemplate('ok {{ body.id }} then {{ $boom() }}', ctx({ input })));
    expect(error.message).toMatch(/expression \{\{ \$boom\(\) \}\} failed/);
  });

  it('keeps the JSONata error as the cause', async () => {
    const error = await failure(evaluateTemplate("{{ $number('x') }}", ctx({ input })));
    expect(error.cause).toMatchObject({ code: 'D3030' });
    // An offset in the segment's source, as written between the braces.
    expect(error.position).toBe(9);
  });

  it('a non-finite number is not JSON: null', async () => {
    expect(await evaluateTemplate('{{ 1/0 }}', ctx())).toBeNull();
    expect(await evaluateTemplate('{{ [1/0] }}', ctx())).toStrictEqual([null]);
  });
});
