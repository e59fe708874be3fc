import type { z } from 'zod';
import { issue, type IssuePath, type ValidationIssue } from './issues.js';

type ZodIssue = z.core.$ZodIssue;

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
};

function toPath(path: readonly PropertyKey[]): IssuePath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/** Whether `path` names a key its parent object lacks: zod reports that as a type error on `undefined`. */
function isMissing(root: unknown, path: IssuePath): boolean {
  let value: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string | number;
    if (typeof value !== 'object' || value === null) return false;
    const last = i === path.length - 1;
    if (last) return !Array.isArray(value) && !Object.prototype.hasOwnProperty.call(value, key);
    value = (value as Record<string | number, unknown>)[key];
  }
  return false;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'nothing';
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: IssuePath): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function quote(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}

function lastKey(path: IssuePath): string {
  const key = path[path.length - 1];
  return key === undefined ? '' : String(key);
}

function sizeMessage(bound: 'at least' | 'at most', origin: string, limit: number | bigint, exact: boolean, inclusive: boolean): string {
  const qualifier = exact ? 'exactly' : bound;
  if (origin === 'string') return `must be ${qualifier} ${limit} character${limit === 1 ? '' : 's'} long`;
  if (origin === 'array' || origin === 'set') return `must have ${qualifier} ${limit} item${limit === 1 ? '' : 's'}`;
  if (exact) return `must be exactly ${limit}`;
  if (inclusive) return `must be ${bound} ${limit}`;
  return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${limit}`;
}

/** The one option of a failed union worth showing: the only one whose type the value has. */
function closestUnionOption(options: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  const wrongType = (it: ZodIssue): boolean => it.path.length === 0 && (it.code === 'invalid_type' || it.code === 'invalid_value');
  const plausible = options.filter((issues) => !issues.some(wrongType));
  return plausible.length === 1 ? plausible[0] : undefined;
}

function mapOne(it: ZodIssue, root: unknown, prefix: IssuePath, out: ValidationIssue[]): void {
  const rel = toPath(it.path);
  const path = [...prefix, ...rel];
  // Kept for an issue kind a later zod adds: it still reaches the user, located.
  const fallbackMessage = it.message;
  // Whatever zod calls it (wrong type, not in an enum, no union option), an absent key is a missing field.
  if ((it.code === 'invalid_type' || it.code === 'invalid_value' || it.code === 'invalid_union') && isMissing(root, rel)) {
    out.push(issue(path, 'missing_field', `missing required field '${lastKey(path)}'`));
    return;
  }
  switch (it.code) {
    case 'unrecognized_keys':
      for (const key of it.keys) out.push(issue([...path, key], 'unknown_field', `unknown field '${key}'`));
      return;
    case 'invalid_type':
      out.push(issue(path, 'invalid_type', `expected ${EXPECTED_NAMES[it.expected] ?? it.expected}, got ${describeValue(valueAt(root, rel))}`));
      return;
    case 'too_small':
      out.push(issue(path, 'too_small', sizeMessage('at least', it.origin, it.minimum, it.exact === true, it.inclusive !== false)));
      return;
    case 'too_big':
      out.push(issue(path, 'too_big', sizeMessage('at most', it.origin, it.maximum, it.exact === true, it.inclusive !== false)));
      return;
    case 'invalid_format': {
      // zod's own messages start with "Invalid"; a schema's custom message is kept as written.
      const own = !it.message.startsWith('Invalid');
      const message = own ? it.message : it.format === 'regex' && it.pattern !== undefined ? `must match ${it.pattern}` : `must be a valid ${it.format}`;
      out.push(issue(path, 'invalid_format', message));
      return;
    }
    case 'invalid_value': {
      const values = it.values.map(quote);
      out.push(issue(path, 'invalid_value', values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`));
      return;
    }
    case 'not_multiple_of':
      out.push(issue(path, 'invalid_value', `must be a multiple of ${it.divisor}`));
      return;
    case 'invalid_union': {
      if (it.inclusive === false) {
        out.push(issue(path, 'invalid_union', 'matches more than one of the allowed forms'));
        return;
      }
      if (it.discriminator !== undefined) {
        const options = (it.options ?? []).map(quote).join(', ');
        out.push(issue(path, 'invalid_value', `'${it.discriminator}' must be one of ${options}`));
        return;
      }
      const closest = closestUnionOption(it.errors);
      if (closest !== undefined) {
        for (const inner of closest) mapOne(inner, valueAt(root, rel), path, out);
        return;
      }
      out.push(issue(path, 'invalid_union', 'does not match any of the allowed forms'));
      return;
    }
    case 'invalid_key': {
      const inner: ValidationIssue[] = [];
      for (const sub of it.issues) mapOne(sub, lastKey(path), [], inner);
      const why = inner[0]?.message ?? 'not allowed';
      out.push(issue(path, 'invalid_key', `invalid key '${lastKey(path)}': ${why}`));
      return;
    }
    case 'invalid_element':
      out.push(issue(path, 'invalid_value', 'invalid element'));
      return;
    case 'custom':
      out.push(issue(path, 'invalid_value', it.message === 'Invalid input' ? 'is not valid' : it.message));
      return;
  }
  out.push(issue(path, 'invalid_value', fallbackMessage));
}

/**
 * zod issues as located validation issues. `root` is the value that was parsed (to tell a missing
 * field from a wrong type); `prefix` is where that value sits in the workflow.
 */
export function mapZodIssues(issues: readonly ZodIssue[], root: unknown, prefix: IssuePath = []): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const it of issues) mapOne(it, root, prefix, out);
  return out;
}
