// A webhook answer that reflects its caller's input as HTML, opened by a signed-in admin, must
// not be able to act as the web app (it shares the app's origin and its session cookie).
import { expect, test } from '@playwright/test';
import { serverForFile, signIn } from './fixtures.js';

const env = serverForFile();

const at = { x: 0, y: 0 };
const reflecting = {
  schemaVersion: 1,
  name: 'Thanks page',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: at, params: { path: 'thanks', method: 'GET', mode: 'sync' } },
    { id: 'page', type: 'respond', position: at, params: { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '{{ "<h1>Thanks, " & $trigger.query.name & "</h1>" }}' } },
  ],
  edges: [{ id: 'e1', kind: 'next', source: 'hook', target: 'page' }],
};

test('a signed-in browser opening a reflecting hook runs none of the injected script', async ({ page, context }) => {
  const created = await env.server.api<{ id: string }>('POST', '/api/workflows', reflecting);
  expect(created.status).toBe(201);
  expect((await env.server.api('POST', `/api/workflows/${created.body.id}/activate`)).status).toBe(200);
  const keysBefore = (await env.server.api<{ items: unknown[] }>('GET', '/api/api-keys')).body.items.length;

  await signIn(context, env.server);
  const attack = "<script>window.__pwned = 1; fetch('/api/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'stolen' }) }).then(r => r.text()).then(t => { window.__minted = t; })</script>";
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|sandbox/i.test(message.text())) blocked.push(message.text());
  });
  const response = await page.goto(`${env.server.url}/hooks/thanks?name=${encodeURIComponent(attack)}`);
  expect(response?.status()).toBe(200);
  // The page shows what was reflected: the hook works, it just cannot act.
  await expect(page.locator('h1')).toContainText('Thanks,');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __minted?: string }).__minted)).toBeUndefined();
  // No API key was minted with the admin's session.
  expect((await env.server.api<{ items: unknown[] }>('GET', '/api/api-keys')).body.items.length).toBe(keysBefore);
  expect(blocked.length).toBeGreaterThan(0);
});

test("the web app's own pages run under a policy that refuses inline script they did not ship", async ({ page, context }) => {
  await signIn(context, env.server);
  const response = await page.goto(env.server.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('link', { name: /workflows/i }).first()).toBeVisible();
  // Markup injected into the page cannot run script.
  // Markup injected into the page cannot run script: the browser reports both refusals.
  const ran = await page.evaluate(async () => {
    const refused = new Promise<number>((resolve) => {
      let count = 0;
      document.addEventListener('securitypolicyviolation', () => {
        count += 1;
        if (count === 2) resolve(count);
      });
    });
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:," onerror="window.__injected = 1" onload="window.__injected = 1">';
    document.body.append(holder);
    const script = document.createElement('script');
    script.textContent = 'window.__injected = 2';
    document.body.append(script);
    await refused;
    return (window as unknown as { __injected?: number }).__injected;
  });
  expect(ran).toBeUndefined();
});
