import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_TTL_MS } from '../auth/auth-service.js';
import { isSameOrigin, SESSION_COOKIE } from '../auth/require-auth.js';
import { createSigninLimiter } from '../auth/signin-limiter.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError } from '../http/api-error.js';
import { parseBody } from '../http/parse-input.js';
import { cameOverTls } from '../http/secure-request.js';

const SignIn = z.union([z.strictObject({ apiKey: z.string().min(1).max(512) }), z.strictObject({ token: z.string().min(1).max(512) })]);

/** Browser sessions: POST signs in (public, same-origin only), GET says who, DELETE signs out. */
export function sessionRoutes(deps: AppDeps): Hono<AppEnv> {
  const { auth, clock } = deps;
  const limiter = createSigninLimiter();
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    // Login CSRF: a browser that says where the request comes from must say this origin.
    const req = c.req.raw;
    if ((req.headers.has('origin') || req.headers.has('sec-fetch-site')) && !isSameOrigin(req)) throw new ApiError('forbidden', 'cross-site request refused');
    const address = clientAddress(c);
    const allowed = limiter.check(address, clock.now());
    if (!allowed.ok) throw new ApiError('rate_limited', 'too many failed sign-ins; wait before trying again', undefined, { 'retry-after': String(allowed.retryAfterS) });
    const body = await parseBody(c, SignIn);
    const cookie = await auth.signIn(body);
    if (cookie === undefined) {
      limiter.recordFailure(address, clock.now());
      throw new ApiError('unauthorized', 'the key or sign-in link is not valid');
    }
    setCookie(c, SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      // Secure whenever the browser used TLS, also when a proxy we trust terminated it.
      secure: cameOverTls(c.req.raw, deps.exposure),
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.body(null, 204);
  });

  app.get('/', (c) => {
    const principal = c.get('principal');
    if (!principal) throw new ApiError('unauthorized', 'not signed in');
    return c.json({ keyName: principal.keyName });
  });

  app.delete('/', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie !== undefined) await auth.signOut(cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  return app;
}

function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in a unit test): one shared budget.
    return 'unknown';
  }
}
