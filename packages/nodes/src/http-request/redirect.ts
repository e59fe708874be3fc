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

/**
 * The next hop for a redirect (fetch rules): 303, and 301/302 after a POST, become a GET without
 * a body; credentials stay only on the same origin; an https to http downgrade is refused.
 */
export function nextHop(
  hop: Hop,
  status: number,
  location: string,
  credentialHeaders: readonly string[],
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
  if (url.origin !== hop.url.origin) {
    for (const name of [...CREDENTIAL_HEADERS, ...credentialHeaders]) delete headers[name];
  }
  return { ok: true, hop: { url, method, headers, body, recordedBody } };
}
