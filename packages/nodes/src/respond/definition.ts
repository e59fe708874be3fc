import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { hasNoLineBreak, headerRecord, strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { respondInfo } from './info.js';
import { isReservedResponseHeader } from './reserved-headers.js';

export const RESPOND_DEFAULTS = { status: 200 } as const;

const Status = z
  .number({ error: 'status is an HTTP status code' })
  .int('status is a whole number')
  .min(200, 'status is from 200 to 599')
  .max(599, 'status is from 200 to 599');

const HeaderValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'a header value is a string, a number or a boolean' })
  .refine((v) => typeof v !== 'string' || hasNoLineBreak(v), 'a header value has no line breaks');

/** Refuses, at the header, what a webhook answer may not set (reserved-headers.ts says why). */
function withoutReservedHeaders<V extends z.ZodType>(value: V) {
  return headerRecord(value).superRefine((headers, ctx) => {
    for (const name of Object.keys(headers)) {
      if (isReservedResponseHeader(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} is the server's to set: a webhook answer may not set cookies, security policies or CORS headers` });
      }
    }
  });
}

/** `respond` params as authored. */
export const RespondParams = strictParams({
  status: typed(Status, 'an HTTP status code').optional(),
  headers: withoutReservedHeaders(HeaderValue).optional(),
  body: z.json().optional(),
});

/** After evaluation; a header whose template gave null or undefined is left out. */
export const RespondResolvedParams = strictParams({
  status: Status.default(RESPOND_DEFAULTS.status),
  headers: headerRecord(HeaderValue.nullable()).optional(),
  body: z.json().optional(),
});

export const respondDefinition: NodeDefinition = { ...respondInfo, params: RespondParams };
