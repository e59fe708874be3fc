import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  evaluateExpression,
  evaluateTemplate,
  ExpressionError,
  type EvaluationContext,
  type ExpressionLimits,
} from './index.js';

function ctx(limits?: Partial<ExpressionLimits>): EvaluationContext {
  return limits === undefined ? { bindings: { input: {} }, now: () => 0 } : { bindings: { input: {} }, now: () => 0, limits };
}

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected the evaluation to fail');
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

const TAIL_LOOP = '($f := function($x){ $f($x+1) }; $f(1))';
const DEEP_RECURSION = '($f := function($x){ 1 + $f($x+1) }; $f(1))';

describe('DEFAULT_LIMITS', () => {
  it('is 1000 ms, a recursion depth and a sequence length', () => {
    expect(DEFAULT_LIMITS).toStrictEqual({ timeoutMs: 1000, maxDepth: 1000, maxSequenceLength: 100_000 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });
});

describe('time limit', () => {
  it('stops an endless tail-call loop (which never nests) at the deadline', async () => {
    const { value: error, ms } = await timed(() => failure(evaluateTemplate(`{{ ${TAIL_LOOP} }}`, ctx())));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/time limit of 1000 ms/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5000);
  });

  it('honours a smaller limit', async () => {
    const { value: error, ms } = await timed(() => failure(evaluateTemplate(`{{ ${TAIL_LOOP} }}`, ctx({ timeoutMs: 50 }))));
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(1000);
  });

  it('stops loops of built-ins too', async () => {
    const error = await failure(evaluateTemplate('{{ [0..99999].[0..99999] }}', ctx({ timeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
  });

  it('stops a loop inside $eval', async () => {
    const error = await failure(evaluateTemplate(`{{ $eval('${TAIL_LOOP}') }}`, ctx({ timeoutMs: 50 })));
    expect(error.kind).toBe('timeout');
  });

  it('is one budget for all the segments of a template', async () => {
    const slow = '$sum([1..30].$count([0..30000]))';
    // The fastest of a few warm runs: on a shared machine one run can be several times slower.
    let fastest = Infinity;
    for (let i = 0; i < 3; i++) fastest = Math.min(fastest, (await timed(() => evaluateTemplate(`{{ ${slow} }}`, ctx({ timeoutMs: 5000 })))).ms);
    const budget = Math.max(20, fastest * 2.5);
    // Twelve segments need about 12x one segment: far past a budget of 2.5x, however the machine jitters.
    const text = Array.from({ length: 12 }, () => `{{ ${slow} }}`).join(',');
    const error = await failure(evaluateTemplate(text, ctx({ timeoutMs: budget })));
    expect(error.kind).toBe('timeout');
  });

  it('stops work JSONata left running in a parallel branch once the evaluation has failed', async () => {
    // The array constructor evaluates its items concurrently; the first item fails at once.
    const text = `{{ [$error('first'), ${TAIL_LOOP}] }}`;
    const start = performance.now();
    const error = await failure(evaluateTemplate(text, ctx({ timeoutMs: 20_000 })));
    expect(error.kind).toBe('runtime');
    expect(error.message).toMatch(/first/);
    // A loop still running on the microtask queue would hold this timer back until its 20 s deadline.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('recursion depth limit', () => {
  it('stops a recursion that never ends, quickly', async () => {
    const { value: error, ms } = await timed(() => failure(evaluateTemplate(`{{ ${DEEP_RECURSION} }}`, ctx())));
    expect(error.kind).toBe('depth');
    // Stopped by the depth limit, not by the 1000 ms time limit.
    expect(error.message).toMatch(/recursion depth limit of 1000/);
    void ms;
  });

  it('counts nested calls of functions defined in the expression', async () => {
    const factorial = (n: number): string => `{{ ($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(${n})) }}`;
    expect(await evaluateTemplate(factorial(10), ctx({ maxDepth: 10 }))).toBe(3_628_800);
    expect((await failure(evaluateTemplate(factorial(11), ctx({ maxDepth: 10 })))).kind).toBe('depth');
    expect(await evaluateTemplate(factorial(150), ctx())).toBeGreaterThan(1e260);
  });

  it('does not count tail calls, which do not nest', async () => {
    const count = '{{ ($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(5000, 0)) }}';
    expect(await evaluateTemplate(count, ctx({ maxDepth: 5 }))).toBe(5000);
  });

  it('does not count calls made one after another by $map', async () => {
    const text = '{{ $sum($map([1..2000], function($v){ $v * 2 })) }}';
    expect(await evaluateTemplate(text, ctx({ maxDepth: 3 }))).toBe(2000 * 2001);
  });

  it('does not count built-in calls or wide objects', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `"k${i}": $uppercase($string(${i}) & "x")`).join(', ');
    const result = await evaluateTemplate(`{{ {${keys}} }}`, ctx({ maxDepth: 5 }));
    expect(Object.keys(result as object)).toHaveLength(300);
  });

  it('counts functions created by $eval too', async () => {
    const error = await failure(evaluateTemplate(`{{ $eval('${DEEP_RECURSION}') }}`, ctx({ maxDepth: 50 })));
    expect(error.kind).toBe('depth');
  });
});

describe('sequence length limit', () => {
  it('refuses [0..9999999] before allocating it', async () => {
    const { value: error, ms } = await timed(() => failure(evaluateTemplate('{{ [0..9999999] }}', ctx())));
    expect(error.kind).toBe('sequence');
    expect(error.message).toMatch(/sequence length limit of 100000 items/);
    // Building ten million items first would take seconds; refusing up front takes milliseconds.
    expect(ms).toBeLessThan(3000);
  });

  it('allows a sequence of exactly the limit', async () => {
    expect(await evaluateTemplate('{{ $count([1..100]) }}', ctx({ maxSequenceLength: 100 }))).toBe(100);
    expect((await failure(evaluateTemplate('{{ $count([1..101]) }}', ctx({ maxSequenceLength: 100 })))).kind).toBe('sequence');
  });

  it('checks arrays that built-in functions return', async () => {
    const error = await failure(evaluateTemplate('{{ $count($split($pad("", 2000, "a"), "")) }}', ctx({ maxSequenceLength: 1000 })));
    expect(error.kind).toBe('sequence');
    expect(error.message).toMatch(/2000 items, more than the limit of 1000/);
  });

  it('checks sequences a path builds up', async () => {
    const error = await failure(evaluateTemplate('{{ $count([1..40].([1..40])) }}', ctx({ maxSequenceLength: 1000 })));
    expect(error.kind).toBe('sequence');
  });

  it('checks arrays read from the input', async () => {
    const input = { items: Array.from({ length: 50 }, (_, i) => i) };
    const error = await failure(evaluateTemplate('{{ $count(items) }}', { bindings: { input }, now: () => 0, limits: { maxSequenceLength: 10 } }));
    expect(error.kind).toBe('sequence');
  });

  it("JSONata's own 1e7 range cap is a sequence error too", async () => {
    const error = await failure(evaluateTemplate('{{ $count([0..20000000]) }}', ctx({ maxSequenceLength: 50_000_000 })));
    expect(error.kind).toBe('sequence');
  });
});

describe('limits given per call', () => {
  it('fills in defaults for the limits not given', async () => {
    expect(await evaluateTemplate('{{ $count([1..50000]) }}', ctx({ timeoutMs: 5000 }))).toBe(50000);
  });

  it.each<Partial<ExpressionLimits>>([{ timeoutMs: 0 }, { timeoutMs: -1 }, { maxDepth: 1.5 }, { maxSequenceLength: Number.NaN }, { maxDepth: Infinity }])(
    'refuses a limit that is not a positive number: %j',
    async (limits) => {
      await expect(evaluateTemplate('{{ 1 + 1 }}', ctx(limits))).rejects.toThrow(RangeError);
    },
  );

  it('applies to evaluateExpression as well', async () => {
    const error = await failure(evaluateExpression('[1..20]', null, { now: () => 0, limits: { maxSequenceLength: 10 } }));
    expect(error.kind).toBe('sequence');
  });
});

describe('a failure never takes the process down', () => {
  it('survives many failing evaluations in parallel and keeps working', async () => {
    const texts = [
      `{{ ${TAIL_LOOP} }}`,
      `{{ ${DEEP_RECURSION} }}`,
      '{{ [0..9999999] }}',
      "{{ $number('x') }}",
      '{{ $nope() }}',
      '{{ $eval("(") }}',
    ];
    // A time limit far above what the depth and sequence limits need, so each failure is the one its expression provokes.
    const results = await Promise.allSettled(texts.map((text) => evaluateTemplate(text, ctx({ timeoutMs: 3000 }))));
    const kinds = results.map((result) => (result.status === 'rejected' && result.reason instanceof ExpressionError ? result.reason.kind : 'fulfilled'));
    expect(kinds).toStrictEqual(['timeout', 'depth', 'sequence', 'runtime', 'runtime', 'runtime']);
    expect(await evaluateTemplate('{{ 1 + 1 }}', ctx())).toBe(2);
  });
});
