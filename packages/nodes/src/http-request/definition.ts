import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { jsonSchemaParam } from '../shared/json-schema.js';
import { hasNoLineBreak, headerRecord, requiredError, strictParams } from '../shared/params.js';
import { isTemplateString, typed } from '../shared/template.js';
import { httpRequestInfo } from './info.js';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The most a node may buffer of one response body. */
export const MAX_RESPONSE_BYTES_LIMIT = 104_857_600;
/** The most redirect hops a node may follow. */
export const MAX_REDIRECTS_LIMIT = 20;

/** Defaults of `http.request` params (workflow-format.md); the authored schema leaves them unset. */
export const HTTP_REQUEST_DEFAULTS = {
  method: 'GET',
  maxResponseBytes: 10_485_760,
  responseType: 'auto',
  followRedirects: 5,
} as const satisfies { method: HttpMethod; maxResponseBytes: number; responseType: string; followRedirects: number };

const Method = z.enum(HTTP_METHODS, { error: `method is one of ${HTTP_METHODS.join(', ')}` });

const Url = z
  .string({ error: (issue) => requiredError('url')(issue) ?? 'url is a string' })
  .min(1, 'url is required')
  .max(8_192, 'url is at most 8192 characters')
  .refine(isHttpUrl, 'url is an absolute http:// or https:// URL');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const Scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'a query value is a string, a number, a boolean or an array of them' });
const QueryValue = z.union([Scalar, z.array(Scalar)], { error: 'a query value is a string, a number, a boolean or an array of them' });

const HeaderValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'a header value is a string, a number or a boolean' })
  .refine((v) => typeof v !== 'string' || hasNoLineBreak(v), 'a header value has no line breaks');

const StatusCode = z
  .number({ error: 'a status is an HTTP status code' })
  .int('a status is a whole number')
  .min(100, 'a status is from 100 to 599')
  .max(599, 'a status is from 100 to 599');

const MaxResponseBytes = z
  .number({ error: 'maxResponseBytes is a number of bytes' })
  .int('maxResponseBytes is a whole number')
  .min(1, 'maxResponseBytes is at least 1')
  .max(MAX_RESPONSE_BYTES_LIMIT, `maxResponseBytes is at most ${MAX_RESPONSE_BYTES_LIMIT} (100 MiB)`);

const ResponseType = z.enum(['auto', 'json', 'text'], { error: 'responseType is "auto", "json" or "text"' });

const FollowRedirects = z
  .number({ error: 'followRedirects is a number of hops' })
  .int('followRedirects is a whole number')
  .min(0, 'followRedirects is at least 0')
  .max(MAX_REDIRECTS_LIMIT, `followRedirects is at most ${MAX_REDIRECTS_LIMIT}`);

function noBodyWithoutPayloadMethod(
  params: { method?: unknown; body?: unknown },
  ctx: z.core.$RefinementCtx,
): void {
  const method = params.method ?? HTTP_REQUEST_DEFAULTS.method;
  if ((method === 'GET' || method === 'HEAD') && params.body !== undefined) {
    ctx.addIssue({ code: 'custom', message: `a ${method} request has no body`, path: ['body'] });
  }
}

/** `http.request` params as authored: typed params may also be templates; `expect.schema` is not one. */
export const HttpRequestParams = strictParams({
  method: typed(Method, `one of ${HTTP_METHODS.join(', ')}`).optional(),
  url: z.union([z.string().refine(isTemplateString, { abort: true }), Url], {
    error: (issue) => requiredError('url')(issue) ?? 'url is an absolute http:// or https:// URL, or a {{ template }}',
  }),
  query: z.record(z.string().min(1, 'a query name is not empty'), QueryValue).optional(),
  headers: headerRecord(HeaderValue).optional(),
  body: z.json().optional(),
  maxResponseBytes: typed(MaxResponseBytes, 'a number of bytes').optional(),
  expect: strictParams({
    status: typed(z.array(typed(StatusCode, 'an HTTP status code')).min(1, 'expect.status lists at least one status'), 'a list of HTTP status codes').optional(),
    schema: jsonSchemaParam.optional(),
  }).optional(),
  responseType: typed(ResponseType, '"auto", "json" or "text"').optional(),
  followRedirects: typed(FollowRedirects, 'a number of hops').optional(),
}).superRefine(noBodyWithoutPayloadMethod);

/** After evaluation: every typed param has its type; a query or header value of null is left out. */
export const HttpRequestResolvedParams = strictParams({
  method: Method.default(HTTP_REQUEST_DEFAULTS.method),
  url: Url,
  query: z.record(z.string().min(1, 'a query name is not empty'), QueryValue.nullable()).optional(),
  headers: headerRecord(HeaderValue.nullable()).optional(),
  body: z.json().optional(),
  maxResponseBytes: MaxResponseBytes.default(HTTP_REQUEST_DEFAULTS.maxResponseBytes),
  expect: strictParams({
    status: z.array(StatusCode).min(1, 'expect.status lists at least one status').optional(),
    // Compiled (and cached) by the executor: a schema that does not compile is invalid_request.
    schema: z.union([z.boolean(), z.record(z.string(), z.unknown())], { error: 'a JSON Schema is an object or a boolean' }).optional(),
  }).optional(),
  responseType: ResponseType.default(HTTP_REQUEST_DEFAULTS.responseType),
  followRedirects: FollowRedirects.default(HTTP_REQUEST_DEFAULTS.followRedirects),
}).superRefine(noBodyWithoutPayloadMethod);
export type ResolvedHttpRequestParams = z.output<typeof HttpRequestResolvedParams>;

export const httpRequestDefinition: NodeDefinition = { ...httpRequestInfo, params: HttpRequestParams };
