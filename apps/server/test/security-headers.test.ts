import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptHash } from '../src/http/security-headers.js';
import { startHarness, type Harness } from './support/harness.js';

const at = { x: 0, y: 0 };

/** A hook whose answer reflects the query as HTML: the classic reflected-XSS shape. */
function reflectingHook(pathName: string, headers: Record<string, string> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: `Reflect ${pathName}`,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', position: at, params: { path: pathName, method: 'GET', mode: 'sync' } },
      { id: 'page', type: 'respond', position: at, params: { headers: { 'content-type': 'text/html', ...headers }, body: '{{ "<p>Thanks, " & $trigger.query.name & "</p>" }}' } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'hook', target: 'page' }],
  };
}

describe('security headers', () => {
  let h: Harness;
  let webDir: string;
  const inline = "window.__boot = 1;";
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><body><div id="root"></div><script>${inline}</script><script type="module" src="/assets/app.js"></script></body></html>`);
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1);');
    h = await startHarness({ webDir });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('a webhook answer is sandboxed: a reflecting page may show text but cannot run script as the app', async () => {
    const created = await h.api('POST', '/api/workflows', reflectingHook('thanks'));
    expect(created.status).toBe(201);
    expect((await h.api('POST', `/api/workflows/${created.json.id}/activate`)).status).toBe(200);
    const res = await h.raw('GET', '/hooks/thanks?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<script>alert(1)</script>');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Errors of the webhook route too.
    const missing = await h.raw('GET', '/hooks/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toMatch(/^sandbox;/);
  });

  it('a respond node may not set cookies, security policies or CORS headers: refused at save, at the header', async () => {
    const refused = await h.api('POST', '/api/workflows', reflectingHook('cookie', { 'Set-Cookie': 'sid=stolen; Path=/' }));
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues).toContainEqual(expect.objectContaining({ path: ['nodes', 1, 'params', 'headers', 'Set-Cookie'], message: expect.stringContaining('may not set cookies') }));
    const cors = await h.api('POST', '/api/workflows', reflectingHook('cors', { 'Access-Control-Allow-Origin': '*' }));
    expect(cors.status).toBe(400);
  });

  it("the web app's pages allow only their own scripts and inline scripts by hash, and no framing", async () => {
    const page = await h.raw('GET', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(scriptHash(inline));
    expect(csp).not.toContain("'unsafe-inline' ");
    expect(csp).toMatch(/script-src [^;]*/);
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    // A client route answers index.html with the same policy; a script file is not a document.
    expect((await h.raw('GET', '/workflows/x')).headers.get('content-security-policy')).toBe(csp);
    expect((await h.raw('GET', '/assets/app.js')).headers.get('content-security-policy')).toBeNull();
    const signin = await h.raw('GET', '/signin');
    expect(signin.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(/script-src ([^;]*)/.exec(signin.headers.get('content-security-policy') ?? '')?.[1]).toMatch(/'sha256-/);
  });
});
