import type { Json } from '@switchyard/schema';
import type { MergeMode } from './info.js';

type JsonObject = { [key: string]: Json };
export type Combined = { ok: true; value: Json } | { ok: false; message: string };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The live inputs' arrays, in edge order; an input that is not an array is named. */
function arraysOf(inputs: ReadonlyArray<[string, Json]>, mode: MergeMode): { ok: true; arrays: Json[][] } | { ok: false; message: string } {
  const arrays: Json[][] = [];
  for (const [source, value] of inputs) {
    if (!Array.isArray(value)) return { ok: false, message: `mode "${mode}" combines arrays, but the input from '${source}' is ${value === null ? 'null' : typeof value}` };
    arrays.push(value);
  }
  return { ok: true, arrays };
}

/** Item i of every input, its fields merged (later inputs win); non-object items are left out. */
function byPosition(arrays: Json[][]): Json[] {
  const length = Math.max(0, ...arrays.map((a) => a.length));
  return Array.from({ length }, (_, i) => Object.assign({}, ...arrays.map((a) => a[i]).filter(isObject)) as JsonObject);
}

/** Key values as map keys: strings and numbers only, `1` and `"1"` kept apart. */
function keyOf(item: JsonObject, key: string): string | undefined {
  const value = item[key];
  return typeof value === 'string' || typeof value === 'number' ? `${typeof value}:${value}` : undefined;
}

/**
 * The first input's items, each with the fields of the other inputs' items that have the same
 * `key` value merged in (later inputs win); items of the others without a match are left out.
 */
function byKey(arrays: Json[][], key: string): Json[] {
  const [left = [], ...others] = arrays;
  const indexes = others.map((items) => {
    const index = new Map<string, JsonObject>();
    for (const item of items) {
      const k = isObject(item) ? keyOf(item, key) : undefined;
      if (k !== undefined && isObject(item) && !index.has(k)) index.set(k, item);
    }
    return index;
  });
  return left.map((item) => {
    if (!isObject(item)) return item;
    const k = keyOf(item, key);
    if (k === undefined) return item;
    return Object.assign({}, item, ...indexes.map((index) => index.get(k) ?? {})) as JsonObject;
  });
}

/** What a merge outputs from its live inputs, by source node id in edge order. */
export function combine(inputs: ReadonlyArray<[string, Json]>, mode: MergeMode, key: string | undefined): Combined {
  switch (mode) {
    case 'all':
      return { ok: true, value: Object.fromEntries(inputs) };
    case 'first':
      return { ok: true, value: inputs[0]?.[1] ?? null };
    case 'append': {
      const arrays = arraysOf(inputs, mode);
      return arrays.ok ? { ok: true, value: arrays.arrays.flat() } : arrays;
    }
    case 'byPosition': {
      const arrays = arraysOf(inputs, mode);
      return arrays.ok ? { ok: true, value: byPosition(arrays.arrays) } : arrays;
    }
    case 'byKey': {
      const arrays = arraysOf(inputs, mode);
      return arrays.ok ? { ok: true, value: byKey(arrays.arrays, key ?? '') } : arrays;
    }
  }
}
