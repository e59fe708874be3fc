import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';
import { jsonDepth } from './json-depth.js';
import { readBodyOrThrow } from './read-body.js';

/** API request bodies above this are refused (a workflow is far smaller). */
export const API_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** Workflows nest params and JSON Schemas, but never this deep; deeper is refused before parsing. */
export const API_MAX_JSON_DEPTH = 128;

export interface Issue {
  path: Array<string | number>;
  message: string;
  code?: string;
}

export function zodIssues(error: z.ZodError, prefix: Array<string | number> = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
    code: i.code,
  }));
}

/** The request body as JSON; an empty body is `undefined`; malformed JSON is `invalid_request`. */
export async function readJson(c: Context): Promise<unknown> {
  const bytes = await readBodyOrThrow(c, API_BODY_LIMIT_BYTES);
  if (bytes.length === 0) return undefined;
  const text = bytes.toString('utf8');
  if (jsonDepth(text) > API_MAX_JSON_DEPTH) {
    throw new ApiError('invalid_request', `the request body nests deeper than ${API_MAX_JSON_DEPTH} levels`, { issues: [{ path: [], message: 'too deeply nested' }] });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_request', 'the request body is not valid JSON', { issues: [{ path: [], message: 'malformed JSON' }] });
  }
}

/** The request body checked against `schema` (an empty body counts as `{}`). */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return checkBody((await readJson(c)) ?? {}, schema);
}

/** A body already read, checked against `schema`. */
export function checkBody<S extends z.ZodType>(value: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('invalid_request', 'the request body is not valid', { issues: zodIssues(parsed.error) });
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError('invalid_request', 'the query is not valid', { issues: zodIssues(parsed.error, ['query']) });
  return parsed.data;
}
