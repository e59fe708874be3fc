import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateExpression, ExpressionError } from './index.js';

describe('checkExpression', () => {
  it.each(['headers.`x-request-id`', '$trigger.body.id', 'body.order.id & ":" & body.order.version', '$'])('accepts %s', (source) => {
    expect(checkExpression(source)).toStrictEqual({ ok: true });
  });

  it('says what is wrong and where', () => {
    const result = checkExpression('body.id +');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/Unexpected end of expression/);
    expect(result.offset).toBe(9);
    const token = checkExpression('a b');
    expect(token).toMatchObject({ ok: false, offset: 2 });
  });

  it('refuses an empty expression', () => {
    expect(checkExpression('')).toStrictEqual({ ok: false, message: 'empty expression' });
    expect(checkExpression('   ')).toStrictEqual({ ok: false, message: 'empty expression' });
  });

  it('refuses an unterminated string without an offset it does not know', () => {
    const result = checkExpression("'open");
    expect(result.ok).toBe(false);
  });
});

describe('evaluateExpression', () => {
  const trigger = { kind: 'webhook', body: { order: { id: 'o-1', version: 3 } }, headers: { 'x-request-id': 'req-9' } };

  it('evaluates over the given input as $', async () => {
    expect(await evaluateExpression('headers.`x-request-id`', trigger, { now: () => 0 })).toBe('req-9');
    expect(await evaluateExpression('body.order.id & ":" & body.order.version', trigger, { now: () => 0 })).toBe('o-1:3');
    expect(await evaluateExpression('body.order', trigger, { now: () => 0 })).toStrictEqual({ id: 'o-1', version: 3 });
  });

  it('keeps undefined (no result means something to the caller)', async () => {
    expect(await evaluateExpression('body.missing', trigger, { now: () => 0 })).toBeUndefined();
  });

  it('binds the bindings it is given, and every other one to undefined', async () => {
    const ctx = { now: () => 0, bindings: { run: { id: 'r' } } };
    expect(await evaluateExpression('$run.id', trigger, ctx)).toBe('r');
    expect(await evaluateExpression('$exists($input)', trigger, ctx)).toBe(false);
    expect(await evaluateExpression('$exists($trigger)', trigger, { now: () => 0 })).toBe(false);
  });

  it('reads the injected clock', async () => {
    expect(await evaluateExpression('$millis()', null, { now: () => 1234 })).toBe(1234);
  });

  it('throws ExpressionError of kind syntax for an expression that does not parse', async () => {
    const error = await evaluateExpression('body.(', trigger, { now: () => 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).kind).toBe('syntax');
    expect((error as ExpressionError).message).toMatch(/expression "body\.\(" does not parse/);
  });

  it('throws ExpressionError of kind runtime for a failure', async () => {
    const error = await evaluateExpression('$number(body.order.id)', trigger, { now: () => 0 }).catch((e: unknown) => e);
    expect((error as ExpressionError).kind).toBe('runtime');
  });

  it('a {{ }} template is not a plain expression', () => {
    expect(checkExpression('{{ body.id }}').ok).toBe(false);
  });
});
