import type { Json } from '@switchyard/schema';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that never follow a request to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** One hop of a request: what changes as redirects are followed. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  recordedBody: Json | null;
}

/** Where a request's credential may go: the integration's base (origin and path), if it has one. */
export interface CredentialScope {
  /** Header names that carry the credential. */
  headers: readonly string[];
  /** The query parameter that carries it, if the credential goes in the query. */
  queryParam?: string;
  /** Whether `url` is inside the integration's base; without an integration, the first origin is the scope. */
  within?: (url: URL) => boolean;
}

/**
 * The next hop for a redirect (fetch rules): 303, and 301/302 after a POST, become a GET without
 * a body; an https to http downgrade is refused. Credentials stay only while the redirect stays
 * on the same origin and, for a node of an integration, inside its base path: a redirect from
 * `https://api.example/v1/…` to `https://api.example/other-tenant/…` loses them.
 */
export function nextHop(
  hop: Hop,
  status: number,
  location: string,
  credential: CredentialScope,
): { ok: true; hop: Hop } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    return { ok: false, message: `redirect to an invalid URL: ${location}` };
  }
  url.hash = '';
  if (hop.url.protocol === 'https:' && url.protocol === 'http:') {
    return { ok: false, message: `redirect from https to http refused (${url.origin})` };
  }
  const headers = { ...hop.headers };
  let { method, body, recordedBody } = hop;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    recordedBody = null;
    delete headers['content-type'];
  }
  const leaves = url.origin !== hop.url.origin || (credential.within !== undefined && !credential.within(url));
  if (leaves) {
    for (const name of [...CREDENTIAL_HEADERS, ...credential.headers]) delete headers[name];
    if (credential.queryParam !== undefined) url.searchParams.delete(credential.queryParam);
  }
  return { ok: true, hop: { url, method, headers, body, recordedBody } };
}
