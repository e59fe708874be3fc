import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LIMITS,
  evaluateExpression,
  evaluateTemplate,
  ExpressionError,
  type EvaluationContext,
  type ExpressionLimits,
} from './index.js';
import { monotonicClock } from './monotonic-clock.js';

// Tests of the other limits keep the deadline an hour away: on a busy machine the time limit must
// never be what stops them. Tests of the time limit use the fake clock below instead.
const FAR = 3_600_000;

function ctx(limits?: Partial<ExpressionLimits>): EvaluationContext {
  return { bindings: { input: {} }, now: () => 0, limits: { timeoutMs: FAR, ...limits } };
}

/** Replaces the guard's clock with one that advances `step` ms on every read; returns the read count. */
function fakeClock(step = 1): { reads: () => number } {
  let reads = 0;
  vi.spyOn(monotonicClock, 'now').mockImplementation(() => step * reads++);
  return { reads: () => reads };
}

afterEach(() => {
  vi.restoreAllMocks();
});

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected the evaluation to fail');
}

const TAIL_LOOP = '($f := function($x){ $f($x+1) }; $f(1))';
const DEEP_RECURSION = '($f := function($x){ 1 + $f($x+1) }; $f(1))';

describe('DEFAULT_LIMITS', () => {
  it('is 1000 ms, a recursion depth and a sequence length', () => {
    expect(DEFAULT_LIMITS).toStrictEqual({ timeoutMs: 1000, maxDepth: 1000, maxSequenceLength: 100_000, maxResultLength: 10 * 1024 * 1024 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });
});

describe('time limit (fake clock: 1 ms per read)', () => {
  it('stops an endless tail-call loop (which never nests) at the deadline', async () => {
    const clock = fakeClock();
    const error = await failure(evaluateTemplate(`{{ ${TAIL_LOOP} }}`, ctx({ timeoutMs: 1000 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/time limit of 1000 ms/);
    expect(clock.reads()).toBeGreaterThan(1000);
  });

  it('honours a smaller limit', async () => {
    const clock = fakeClock();
    const error = await failure(evaluateTemplate(`{{ ${TAIL_LOOP} }}`, ctx({ timeoutMs: 50 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/time limit of 50 ms/);
    expect(clock.reads()).toBeLessThan(1000);
  });

  it('stops loops of built-ins too', async () => {
    fakeClock();
    const error = await failure(evaluateTemplate('{{ [0..99999].[0..99999] }}', ctx({ timeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
  });

  it('stops a loop inside $eval', async () => {
    fakeClock();
    const error = await failure(evaluateTemplate(`{{ $eval('${TAIL_LOOP}') }}`, ctx({ timeoutMs: 50 })));
    expect(error.kind).toBe('timeout');
  });

  it('is one budget for all the segments of a template', async () => {
    const slow = '$sum([1..5].$count([0..50]))';
    const clock = fakeClock();
    expect(await evaluateTemplate(`{{ ${slow} }}`, ctx())).toBe(255);
    const oneSegment = clock.reads();
    const budget = oneSegment * 2.5;
    // Each segment alone fits the budget; twelve together need about 12x one.
    expect(await evaluateTemplate(`{{ ${slow} }}`, ctx({ timeoutMs: budget }))).toBe(255);
    const text = Array.from({ length: 12 }, () => `{{ ${slow} }}`).join(',');
    const error = await failure(evaluateTemplate(text, ctx({ timeoutMs: budget })));
    expect(error.kind).toBe('timeout');
  });

  it('stops work JSONata left running in a parallel branch once the evaluation has failed', async () => {
    // The array constructor evaluates its items concurrently; the first item fails at once.
    const clock = fakeClock();
    const text = `{{ [$error('first'), ${TAIL_LOOP}] }}`;
    const error = await failure(evaluateTemplate(text, ctx({ timeoutMs: 1_000_000 })));
    expect(error.kind).toBe('runtime');
    expect(error.message).toMatch(/first/);
    // A loop still running would read the clock on each of its steps.
    const readsAtFailure = clock.reads();
    // Two turns of the event loop: a loop still running would have taken steps in them.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.reads()).toBe(readsAtFailure);
  });
});

describe('recursion depth limit', () => {
  it('stops a recursion that never ends, quickly', async () => {
    const error = await failure(evaluateTemplate(`{{ ${DEEP_RECURSION} }}`, ctx()));
    expect(error.kind).toBe('depth');
    expect(error.message).toMatch(/recursion depth limit of 1000/);
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
    const error = await failure(evaluateTemplate('{{ [0..9999999] }}', ctx()));
    expect(error.kind).toBe('sequence');
    // JSONata's range check (D2015), which runs before the range is built, not the exit hook's.
    expect(error.code).toBe('D2015');
    expect(error.message).toMatch(/sequence length limit of 100000 items/);
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
    const error = await failure(evaluateTemplate('{{ $count(items) }}', { bindings: { input }, now: () => 0, limits: { timeoutMs: FAR, maxSequenceLength: 10 } }));
    expect(error.kind).toBe('sequence');
  });

  it("JSONata's own 1e7 range cap is a sequence error too", async () => {
    const error = await failure(evaluateTemplate('{{ $count([0..20000000]) }}', ctx({ maxSequenceLength: 50_000_000 })));
    expect(error.kind).toBe('sequence');
  });
});

describe('limits given per call', () => {
  it('fills in defaults for the limits not given', async () => {
    expect(await evaluateTemplate('{{ $count([1..50000]) }}', ctx())).toBe(50000);
  });

  it.each<Partial<ExpressionLimits>>([{ timeoutMs: 0 }, { timeoutMs: -1 }, { maxDepth: 1.5 }, { maxSequenceLength: Number.NaN }, { maxDepth: Infinity }, { maxResultLength: 0 }])(
    'refuses a limit that is not a positive number: %j',
    async (limits) => {
      await expect(evaluateTemplate('{{ 1 + 1 }}', ctx(limits))).rejects.toThrow(RangeError);
    },
  );

  it('applies to evaluateExpression as well', async () => {
    const error = await failure(evaluateExpression('[1..20]', null, { now: () => 0, limits: { timeoutMs: FAR, maxSequenceLength: 10 } }));
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
    // The fake clock ends the tail loop; the others fail on their own limit long before.
    fakeClock();
    const results = await Promise.allSettled(texts.map((text) => evaluateTemplate(text, ctx({ timeoutMs: 300_000 }))));
    const kinds = results.map((result) => (result.status === 'rejected' && result.reason instanceof ExpressionError ? result.reason.kind : 'fulfilled'));
    expect(kinds).toStrictEqual(['timeout', 'depth', 'sequence', 'runtime', 'runtime', 'runtime']);
    expect(await evaluateTemplate('{{ 1 + 1 }}', ctx())).toBe(2);
  });
});

describe('result size limit', () => {
  it('fails a string step past the limit before anything uses it ($pad)', async () => {
    const error = await failure(evaluateTemplate("{{ $length($pad('', 1e8)) }}", ctx()));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/string of 100000000 characters, more than the limit of 10485760/);
  });

  it('honours a configured limit, exactly', async () => {
    expect(await evaluateTemplate("{{ $pad('', 100, 'a') }}", ctx({ maxResultLength: 100 }))).toBe('a'.repeat(100));
    expect((await failure(evaluateTemplate("{{ $pad('', 101, 'a') }}", ctx({ maxResultLength: 100 })))).kind).toBe('size');
  });

  it('bounds a result built of many small parts, measured as JSON', async () => {
    const error = await failure(evaluateTemplate("{{ [1..100].{ 'a': $pad('', 20, 'x') } }}", ctx({ maxResultLength: 1000 })));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/as JSON, more than the limit of 1000/);
    expect(await evaluateTemplate("{{ [1..10].{ 'a': $pad('', 20, 'x') } }}", ctx({ maxResultLength: 1000 }))).toHaveLength(10);
  });

  it('turns a string past what the engine can hold into a size failure, not a crash', async () => {
    const error = await failure(evaluateTemplate("{{ $pad('', 536870990) }}", ctx()));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/too large \(Invalid string length\)/);
  });
});

describe('limits inside $eval', () => {
  it('applies the configured sequence limit, not JSONata’s 10,000,000', async () => {
    const error = await failure(evaluateTemplate("{{ $eval('[1..200000]') }}", ctx()));
    expect(error.kind).toBe('sequence');
    expect(error.message).toMatch(/in \$eval failed: exceeded the sequence length limit of 100000 items/);
  });

  it('applies the size limit and categorises an engine RangeError', async () => {
    expect((await failure(evaluateTemplate(`{{ $eval("$pad('', 1e8)") }}`, ctx()))).kind).toBe('size');
    expect((await failure(evaluateTemplate(`{{ $eval("$pad('', 536870990)") }}`, ctx()))).kind).toBe('size');
  });

  it('applies the depth limit', async () => {
    expect((await failure(evaluateTemplate(`{{ $eval('${DEEP_RECURSION}') }}`, ctx({ maxDepth: 20 })))).kind).toBe('depth');
  });
});
