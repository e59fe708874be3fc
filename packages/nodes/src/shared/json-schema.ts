import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { z } from '@switchyard/schema';
import { LinearRegExp } from '@switchyard/expressions';

/** A compiled JSON Schema, or why it does not compile. */
export type CompiledJsonSchema =
  | { ok: true; validate(value: unknown): string | null }
  | { ok: false; error: string };

// `addUsedSchema: false`: two workflows may use the same `$id` for different schemas.
// `regExp`: `pattern`/`patternProperties` match on RE2 (linear time): a schema's pattern cannot
// block the event loop; one RE2 cannot run is refused when the schema compiles (at save).
const linearRegExp = Object.assign((pattern: string, flags: string) => new LinearRegExp(pattern, flags), {
  code: 'LinearRegExp',
});
const ajv = new Ajv({
  strict: false,
  allErrors: false,
  addUsedSchema: false,
  logger: false,
  code: { regExp: linearRegExp },
});

// Params are resolved afresh for every attempt, so compiled schemas are cached by content.
const CACHE_LIMIT = 256;
const cache = new Map<string, { compiled: CompiledJsonSchema; source: object | boolean }>();

/** Compiles a JSON Schema once per distinct content (ajv, draft-07); later calls hit a bounded cache. */
export function compileJsonSchema(schema: unknown): CompiledJsonSchema {
  const key = JSON.stringify(schema) ?? 'undefined';
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.compiled;
  }
  const entry = compileUncached(schema);
  cache.set(key, entry);
  if (cache.size > CACHE_LIMIT) evictOldest();
  return entry.compiled;
}

function compileUncached(schema: unknown): { compiled: CompiledJsonSchema; source: object | boolean } {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return { compiled: { ok: false, error: 'a JSON Schema is an object or a boolean' }, source: false };
  }
  try {
    const fn: ValidateFunction = ajv.compile(schema);
    const validate = (value: unknown): string | null =>
      fn(value) ? null : ajv.errorsText(fn.errors, { dataVar: 'body', separator: '; ' });
    return { compiled: { ok: true, validate }, source: schema };
  } catch (error) {
    return { compiled: { ok: false, error: error instanceof Error ? error.message : String(error) }, source: false };
  }
}

function evictOldest(): void {
  const oldest = cache.keys().next();
  if (oldest.done === true) return;
  const entry = cache.get(oldest.value);
  cache.delete(oldest.value);
  // ajv keeps every compiled schema object in its own cache: drop it with ours.
  if (entry !== undefined && typeof entry.source === 'object') ajv.removeSchema(entry.source);
}

/** A param holding a JSON Schema: free-form, never a template, and it must compile. */
export const jsonSchemaParam = z
  .union([z.boolean(), z.record(z.string(), z.unknown())], { error: 'a JSON Schema is an object or a boolean' })
  .superRefine((schema, ctx) => {
    const compiled = compileJsonSchema(schema);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: `not a valid JSON Schema: ${compiled.error}` });
  });
