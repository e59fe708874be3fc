import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../deps.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request an id (on the response header and in every log line of the request) and
 * logs one line per request. Only method, path, status and time are logged: headers, query
 * strings and bodies may carry secrets.
 */
export function requestContext(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    const child = log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', child);
    c.header(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    child.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
