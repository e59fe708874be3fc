// The response headers that keep what the server serves from acting as something else.
//
// Webhook answers (`/hooks/*`) are written by workflow authors and often reflect what a caller
// sent. They share the web app's origin, so without these an answer like
// `<script>fetch('/api/api-keys', …)</script>` would run with a signed-in admin's session. A CSP
// `sandbox` gives such a page an opaque origin with scripts off: it can show text, not act.
//
// The web app's own pages get a policy that allows only its own scripts (and the inline
// scripts it ships, by hash), so markup injected into a page cannot run either.
import { createHash } from 'node:crypto';

/** Every answer of a webhook, whatever its content type. */
export const HOOK_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The sha256 source expression of an inline script's text, for `script-src`. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The inline scripts of an HTML page: their exact text, as the browser hashes it. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    if (/\ssrc\s*=/i.test(attributes)) continue;
    scripts.push(match[2] ?? '');
  }
  return scripts;
}

/**
 * Headers for a page of the web app. `'unsafe-eval'` stays because the editor compiles the
 * JSON Schemas that users write (webhook and response schemas) with ajv, which generates code;
 * inline scripts are allowed only by hash, so injected markup cannot run.
 */
export function appPageHeaders(html: string): Record<string, string> {
  const hashes = inlineScripts(html).map(scriptHash);
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' 'unsafe-eval' ${hashes.join(' ')}`.trim(),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
}
