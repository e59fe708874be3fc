import { describe, expect, it } from 'vitest';
import { toJsonValue } from './to-json.js';

describe('toJsonValue', () => {
  it('keeps JSON scalars', () => {
    for (const value of ['s', '', 0, -1.5, true, false, null]) expect(toJsonValue(value)).toBe(value);
  });

  it('drops what JSON cannot hold', () => {
    expect(toJsonValue(undefined)).toBeUndefined();
    expect(toJsonValue(() => 1)).toBeUndefined();
    expect(toJsonValue(Symbol('s'))).toBeUndefined();
    expect(toJsonValue(10n)).toBeUndefined();
    expect(toJsonValue(Number.NaN)).toBeNull();
    expect(toJsonValue(Infinity)).toBeNull();
    expect(toJsonValue([undefined, () => 1, Number.NaN])).toStrictEqual([null, null, null]);
    expect(toJsonValue({ a: undefined, f: () => 1, n: -Infinity, k: 1 })).toStrictEqual({ a: undefined, n: null, k: 1 });
  });

  it('turns JSONata values into JSON', () => {
    const sequence = Object.assign([1, 2], { sequence: true, keepSingleton: true });
    const out = toJsonValue(sequence) as unknown[];
    expect(out).toStrictEqual([1, 2]);
    expect(Object.keys(out)).toStrictEqual(['0', '1']);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(Object.getPrototypeOf(toJsonValue(bare))).toBe(Object.prototype);
    expect(toJsonValue({ _jsonata_lambda: true, body: {} })).toBeUndefined();
    expect(toJsonValue({ _jsonata_function: true, implementation: () => 1 })).toBeUndefined();
  });

  it('shares parts that already are plain JSON', () => {
    const inner = { deep: [1, { x: 'y' }] };
    const value = { inner, list: [inner] };
    expect(toJsonValue(value)).toBe(value);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { inner });
    expect((toJsonValue(bare) as { inner: unknown }).inner).toBe(inner);
  });

  it('copies only the path to what changes', () => {
    const keep = { k: 1 };
    const value = { keep, change: { f: () => 1, v: 2 } };
    const out = toJsonValue(value) as typeof value;
    expect(out).not.toBe(value);
    expect(out.keep).toBe(keep);
    expect(out.change).toStrictEqual({ v: 2 });
  });

  it('keeps a __proto__ key as an own property', () => {
    const data = JSON.parse('{"__proto__": {"x": 1}, "f": null}') as Record<string, unknown>;
    const bare = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(bare, '__proto__', { value: { x: 1 }, enumerable: true, writable: true, configurable: true });
    for (const value of [data, bare, { ...data, fn: () => 1 }]) {
      const out = toJsonValue(value) as Record<string, unknown>;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toStrictEqual({ x: 1 });
    }
  });

  it('uses toJSON of non-plain objects, as JSON.stringify does', () => {
    expect(toJsonValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
