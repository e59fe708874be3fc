import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.js';
import { ApiError } from '../http/api-error.js';
import type { AuthService } from './auth-service.js';

export const SESSION_COOKIE = 'switchyard_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `/api/*` needs a Bearer API key or the session cookie; runs before any handler reads the
 * body. A cookie-authenticated unsafe request must also come from this origin (CSRF): Origin
 * equal to ours, or Sec-Fetch-Site same-origin, whatever its content type.
 */
export function requireAuth(auth: AuthService, isPublic: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isPublic(c.req.method, c.req.path)) return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const principal = match?.[1] === undefined ? undefined : await auth.checkApiKey(match[1]);
      if (!principal) throw new ApiError('unauthorized', 'a valid API key or session is required');
      c.set('principal', principal);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const principal = cookie === undefined ? undefined : await auth.checkSession(cookie);
    if (!principal) throw new ApiError('unauthorized', 'a valid API key or session is required');
    if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.raw)) throw new ApiError('forbidden', 'cross-site request refused');
    c.set('principal', principal);
    return next();
  };
}

export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('host');
  if (host === null) return false;
  try {
    const o = new URL(origin);
    return o.host === host && (o.protocol === 'http:' || o.protocol === 'https:');
  } catch {
    return false;
  }
}
