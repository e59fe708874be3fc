import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { iso } from '../http/iso-time.js';
import { parseBody } from '../http/parse-input.js';

const CreateBody = z.strictObject({ name: z.string().min(1).max(200) });

/** API keys: list (never a secret or a hash), create (the secret is answered once), revoke. */
export function apiKeyRoutes(deps: AppDeps): Hono<AppEnv> {
  const { auth } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => c.json({ items: (await auth.listApiKeys()).map((k) => ({ id: k.id, name: k.name, createdAt: iso(k.createdAt) })) }));

  app.post('/', async (c) => {
    const body = await parseBody(c, CreateBody);
    const { id, secret } = await auth.createApiKey(body.name);
    return c.json({ id, name: body.name, secret }, 201);
  });

  app.delete('/:id', async (c) => {
    const revoked = await auth.revokeApiKey(c.req.param('id'));
    if (revoked === false) throw notFound('the API key');
    if (revoked === 'last') throw new ApiError('conflict', 'this is the last API key and no SWITCHYARD_API_KEY is set: create another key before revoking it');
    return c.body(null, 204);
  });

  return app;
}
