import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { ApiError, notFound } from '../http/api-error.js';
import { checkBody, readJson } from '../http/parse-input.js';
import { CredentialInput } from '../credentials/credential-input.js';

/**
 * Write-only credentials: bodies carry secrets in, answers never carry them out. Validation
 * issues name the path and the problem, never the value sent.
 */
function parseCredential(value: unknown): CredentialInput {
  return checkBody(value, CredentialInput);
}

export function credentialRoutes(deps: AppDeps): Hono<AppEnv> {
  const { credentials, clock } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => c.json({ items: await credentials.list() }));

  app.post('/', async (c) => {
    const input = parseCredential((await readJson(c)) ?? {});
    if (await credentials.get(input.id)) throw new ApiError('conflict', `credential '${input.id}' already exists`);
    return c.json(await credentials.put(input, clock.now()), 201);
  });

  app.get('/:id', async (c) => {
    const view = await credentials.get(c.req.param('id'));
    if (!view) throw notFound('the credential');
    return c.json(view);
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const raw = (await readJson(c)) ?? {};
    // The path decides the id.
    const input = parseCredential(raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, id } : raw);
    if (!(await credentials.get(id))) throw notFound('the credential');
    return c.json(await credentials.put(input, clock.now()));
  });

  app.post('/:id/unlock', async (c) => {
    const unlocked = await credentials.unlock(c.req.param('id'));
    if (!unlocked) throw notFound('the credential');
    return c.json(unlocked);
  });

  app.delete('/:id', async (c) => {
    if (!(await credentials.delete(c.req.param('id')))) throw notFound('the credential');
    return c.body(null, 204);
  });

  return app;
}
