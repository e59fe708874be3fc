import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { createJsonPoster } from '../src/index.js';
import { realDeadline } from './context.js';

describe('JSON notifications through the SSRF guard', () => {
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.close());

  it('posts JSON to an allowed host and answers its status; a redirect is not followed', async () => {
    const poster = createJsonPoster({ allowedHosts: ['127.0.0.1'], deadline: realDeadline });
    try {
      upstream.script('POST', '/hook', [{ status: 204 }]);
      upstream.script('POST', '/moved', [{ status: 302, headers: { location: 'http://169.254.169.254/latest' } }]);
      expect(await poster.post(`${upstream.url}/hook`, { event: 'opened' }, 2_000)).toEqual({ ok: true, status: 204 });
      const sent = upstream.requests.at(-1)!;
      expect(JSON.parse(sent.body)).toEqual({ event: 'opened' });
      expect(sent.headers['content-type']).toBe('application/json');
      expect(await poster.post(`${upstream.url}/moved`, {}, 2_000)).toEqual({ ok: true, status: 302 });
      expect(upstream.countFor('POST', '/moved')).toBe(1);
    } finally {
      await poster.close();
    }
  });

  it('refuses loopback, private and link-local destinations unless allowed, sending nothing', async () => {
    const poster = createJsonPoster({ deadline: realDeadline });
    try {
      upstream.script('POST', '/hook', [{ status: 204 }]);
      const before = upstream.requests.length;
      const loopback = await poster.post(`${upstream.url}/hook`, {}, 2_000);
      expect(loopback.ok).toBe(false);
      expect(loopback.ok ? '' : loopback.reason).toMatch(/127\.0\.0\.1/);
      expect((await poster.post('http://169.254.169.254/latest/meta-data', {}, 2_000)).ok).toBe(false);
      expect((await poster.post('not a url', {}, 2_000)).ok).toBe(false);
      expect(upstream.requests.length).toBe(before);
    } finally {
      await poster.close();
    }
  });
});
