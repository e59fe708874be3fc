import { Hono } from 'hono';
import type { AppEnv } from '../deps.js';
import { appPageHeaders } from '../http/security-headers.js';

// The token stays in the page: it is posted once (same origin) and then the URL is cleaned.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Sign in · Switchyard</title></head>
<body><p id="m">Signing in…</p><script>
const t = new URLSearchParams(location.search).get('token');
history.replaceState(null, '', '/signin');
fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: t || '' }) })
  .then((r) => { if (r.ok) location.replace('/'); else document.getElementById('m').textContent = 'This sign-in link is not valid (it works once, for 24 hours).'; });
</script></body></html>`;

export function signinPageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const headers = { ...appPageHeaders(PAGE), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
  app.get('/', (c) => c.html(PAGE, 200, headers));
  return app;
}
