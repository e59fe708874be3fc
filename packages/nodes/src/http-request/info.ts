import type { ParamPath } from '@switchyard/schema';
import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf, urlPath } from '../shared/card-text.js';

/** `expect.schema` is a JSON Schema, not a template. */
function isExpectSchema(path: ParamPath): boolean {
  return path[0] === 'expect' && path[1] === 'schema';
}

/** The implicit `host:<hostname>` integration of a literal URL (docs/engine.md); a templated URL has none until it runs. */
function hostIntegration(params: { readonly url?: unknown }): string | undefined {
  const url = typeof params.url === 'string' ? params.url : undefined;
  if (url === undefined || url === '' || url.includes('{{')) return undefined;
  try {
    return `host:${new URL(url).hostname}`;
  } catch {
    return undefined;
  }
}

/** What the editor shows of `http.request`: no zod here (its params schema is in definition.ts). */
export const httpRequestInfo: NodeCatalogEntry = {
  type: 'http.request',
  title: 'HTTP request',
  description: 'Calls an HTTP API: classifies every failure, records the request and the response.',
  group: 'integration',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  isTemplateExempt: isExpectSchema,
  summary: (p) => shorten(`${textOf(p.method) ?? 'GET'} ${urlPath(textOf(p.url) ?? '')}`),
  starterParams: { method: 'GET', url: 'https://example.com' },
  implicitIntegration: hostIntegration,
  docs: {
    params: '`method`, `url`, `query`, `headers`, `body`, `maxResponseBytes`, `expect {status, schema}`, `responseType`, `followRedirects`',
    output: '`{ status, headers, body }`',
    retrySafe: 'GET, HEAD, PUT, DELETE, OPTIONS, or any method sent with an idempotency key (the default for all others): in practice always',
  },
};
