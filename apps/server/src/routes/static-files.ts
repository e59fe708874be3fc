import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../deps.js';
import { appPageHeaders } from '../http/security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html><head><meta charset="utf-8"><title>Switchyard</title></head>
<body><h1>Switchyard</h1><p>The web app is not built. Run <code>pnpm build</code> in apps/web, then reload.</p>
<p>The API is at <code>/api</code> and webhooks at <code>/hooks</code>.</p></body></html>`;

/**
 * A file under `root` for a raw URL path, or undefined. Refuses what could escape the root
 * (`..` segments, encoded separators, backslashes, NUL, `//`) before touching the disk, then
 * checks the real path (symlinks resolved) is still inside the real root.
 */
export function resolveStaticFile(root: string, rawPath: string): string | undefined {
  if (rawPath.startsWith('//') || /%2f|%5c|%00/i.test(rawPath)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s === '..' || s === '.')) return undefined;
  const realRoot = safeRealpath(root);
  if (realRoot === undefined) return undefined;
  const candidate = path.resolve(realRoot, `.${decoded}`);
  const real = safeRealpath(candidate);
  if (real === undefined || !real.startsWith(realRoot + path.sep)) return undefined;
  return fs.statSync(real).isFile() ? real : undefined;
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** The built web app at `/`, with the SPA fallback to index.html for client-side routes. */
export function staticRoutes(webDir: string | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.on(['GET', 'HEAD'], '/*', (c) => {
    const index = webDir === undefined ? undefined : resolveStaticFile(webDir, '/index.html');
    if (webDir === undefined || index === undefined) return c.html(NOT_BUILT, 200, appPageHeaders(NOT_BUILT));
    const rawPath = new URL(c.req.url).pathname;
    const unsafe = rawPath.startsWith('//') || /%2f|%5c|%00/i.test(rawPath) || /(^|\/)\.\.?(\/|$)/.test(safeDecode(rawPath) ?? '..');
    if (unsafe) return c.text('Not found', 404);
    const file = rawPath === '/' ? index : resolveStaticFile(webDir, rawPath);
    // Unknown paths without an extension are client routes; a missing asset is a 404.
    const target = file ?? (path.extname(rawPath) === '' ? index : undefined);
    if (target === undefined) return c.text('Not found', 404);
    const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    const content = fs.readFileSync(target);
    // A page gets the app's CSP (its inline scripts allowed by hash); other files are not documents.
    const security = type.startsWith('text/html') ? appPageHeaders(content.toString('utf8')) : { 'x-content-type-options': 'nosniff' };
    return c.body(content, 200, { 'content-type': type, ...security });
  });
  return app;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
