// Headers a webhook answer may not set. Hooks are served from the same origin as the web app,
// so a header that sets state in the browser (a cookie), relaxes what the page may do (CSP,
// framing, CORS) or pins transport (HSTS) would let a workflow author act as the app itself.
// The server also strips them when it answers, whatever a stored workflow says.

/** Lower-case names; `access-control-` is a prefix. */
export const RESERVED_RESPONSE_HEADERS: readonly string[] = [
  'set-cookie',
  'set-cookie2',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'x-content-type-options',
  'strict-transport-security',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'permissions-policy',
  'referrer-policy',
  'clear-site-data',
  'service-worker-allowed',
  'refresh',
];

const RESERVED = new Set(RESERVED_RESPONSE_HEADERS);

/** Whether a `respond` node may not set header `name` (any case). */
export function isReservedResponseHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || lower.startsWith('access-control-');
}
