import { isLambda, isNativeFunction } from './jsonata-internals.js';
import { setOwn } from './own-property.js';

// Flags JSONata sets on the arrays it uses as sequences. Such an array, handed to a later
// evaluation as input, would be taken for a sequence again (singleton unwrapping, flattening).
const SEQUENCE_FLAGS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons'] as const;

function isPlainArray(array: unknown[]): boolean {
  const flags = array as unknown as Record<string, unknown>;
  return SEQUENCE_FLAGS.every((flag) => flags[flag] === undefined);
}

function arrayToJson(array: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const json = toJsonValue(item);
    const value = json === undefined ? null : json;
    if (out === undefined && value !== item) out = array.slice(0, i);
    if (out !== undefined) out.push(value);
  }
  // `slice` makes a plain array even from a flagged sequence.
  return out ?? (isPlainArray(array) ? array : array.slice());
}

function objectToJson(object: object): unknown {
  if (isLambda(object) || isNativeFunction(object)) return undefined;
  const proto: unknown = Object.getPrototypeOf(object);
  const plain = proto === Object.prototype;
  if (!plain && proto !== null) {
    const toJSON: unknown = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJsonValue((toJSON as () => unknown).call(object));
  }
  const source = object as Record<string, unknown>;
  const keys = Object.keys(object);
  // JSONata builds objects without a prototype; hand out ordinary ones.
  let out: Record<string, unknown> | undefined = plain ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = source[key];
    const value = toJsonValue(item);
    if (out === undefined && value !== item) {
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, source[keys[j] as string]);
    }
    if (out !== undefined && value !== undefined) setOwn(out, key, value);
  }
  return out ?? object;
}

/**
 * A JSONata result as JSON data, as JSON.stringify would see it: sequences become plain arrays,
 * prototype-less objects ordinary ones, functions disappear (undefined; null inside arrays),
 * non-finite numbers become null. Parts that already are plain JSON are shared, not copied.
 */
export function toJsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      if (value === null) return null;
      return Array.isArray(value) ? arrayToJson(value) : objectToJson(value);
    default:
      // undefined, functions, symbols, bigints: not JSON.
      return undefined;
  }
}
