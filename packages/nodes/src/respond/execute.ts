import type { NodeExecutor } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { RespondResolvedParams, respondDefinition } from './definition.js';

/** The content type a body is sent with when no header names one. */
function defaultContentType(body: Json | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
}

/** Outputs the `{ status, headers, body }` the server sends to a sync webhook's caller. */
export const respondExecutor: NodeExecutor = {
  definition: respondDefinition,
  pure: true,
  retrySafe: () => true,
  execute: async (params) => {
    const parsed = parseResolvedParams(RespondResolvedParams, params);
    if (!parsed.ok) return parsed;
    const { status, body } = parsed.value;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed.value.headers ?? {})) {
      if (value !== null) headers[name.toLowerCase()] = String(value);
    }
    const contentType = defaultContentType(body);
    if (contentType !== undefined && headers['content-type'] === undefined) headers['content-type'] = contentType;
    return { ok: true, output: { status, headers, body: body ?? null } };
  },
};
