import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

/** Sends a request line as is (fetch would normalise `..`), answers the status code. */
function rawStatus(url: string, target: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('the web app at /', () => {
  let h: Harness;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-web-'));
    const web = path.join(root, 'dist');
    fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'outside.txt'), 'OUTSIDE-SECRET');
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(web, 'assets', 'link.txt'));
    h = await startHarness({ webDir: web });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves files and falls back to index.html for client routes; a missing asset is 404', async () => {
    expect((await h.raw('GET', '/')).text).toContain('<title>app</title>');
    const js = await h.raw('GET', '/assets/app.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await h.raw('GET', '/runs/abc')).text).toContain('<title>app</title>');
    expect((await h.raw('GET', '/assets/missing.js')).status).toBe(404);
  });

  it('never serves outside the root: traversal, encoded separators, NUL, backslashes, symlinks', async () => {
    for (const target of ['/../outside.txt', '/assets/../../outside.txt', '/%2e%2e/outside.txt', '/..%2f..%2foutside.txt', '/..%5c..%5coutside.txt', '//etc/passwd', '/assets/link.txt', '/index.html%00.js', '/assets%2fapp.js']) {
      const status = await rawStatus(h.url, target);
      expect([400, 404], target).toContain(status);
    }
    const body = await h.raw('GET', '/assets/link.txt');
    expect(body.text).not.toContain('OUTSIDE-SECRET');
  });
});

describe('the web app when not built', () => {
  it('answers a short page saying so', async () => {
    const h = await startHarness({ webDir: '/nonexistent/web/dist' });
    try {
      const res = await h.raw('GET', '/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('not built');
    } finally {
      await h.close();
    }
  });
});
