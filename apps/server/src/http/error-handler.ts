import type { Context } from 'hono';
import type { AppEnv } from '../deps.js';
import { errorBody } from './api-error.js';
import { toApiError } from './map-error.js';

/**
 * The app's one error renderer. Known errors become their code and status; anything else is a
 * bug: logged with the request id, answered `internal` with only that id (no stack, SQL or secret).
 */
export function handleError(err: unknown, c: Context<AppEnv>): Response {
  const api = toApiError(err);
  const requestId = c.get('requestId');
  if (api) {
    if (api.code === 'unavailable') c.get('log').warn({ err: errorName(err) }, 'store unavailable');
    for (const [name, value] of Object.entries(api.headers ?? {})) c.header(name, value);
    return c.json(errorBody(api.code, api.message, api.details), api.status);
  }
  c.get('log').error({ err: errorName(err), message: err instanceof Error ? err.message : String(err) }, 'internal error');
  return c.json(errorBody('internal', 'an internal error occurred', { requestId }), 500);
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
