import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { respondDefinition } from './definition.js';
import { respondExecutor } from './execute.js';

describe('respond', () => {
  it('refuses, at the header, the headers that are the server\'s to set (cookies, security policies, CORS)', () => {
    expect(issuesOf(respondDefinition, { headers: { 'Set-Cookie': 'sid=1', 'content-security-policy': "default-src *", 'Access-Control-Allow-Origin': '*', 'X-Ok': 'fine' } })).toEqual([
      { path: ['headers', 'Set-Cookie'], message: "Set-Cookie is the server's to set: a webhook answer may not set cookies, security policies or CORS headers" },
      { path: ['headers', 'content-security-policy'], message: "content-security-policy is the server's to set: a webhook answer may not set cookies, security policies or CORS headers" },
      { path: ['headers', 'Access-Control-Allow-Origin'], message: "Access-Control-Allow-Origin is the server's to set: a webhook answer may not set cookies, security policies or CORS headers" },
    ]);
  });

  it('takes status, headers and body', () => {
    expectValid(respondDefinition, {});
    expectValid(respondDefinition, { status: 201, headers: { 'X-Id': '{{ $run.id }}' }, body: { ok: true } });
    expectValid(respondDefinition, { status: '{{ $input.status }}', body: '{{ $nodes.x }}' });
    expect(issuesOf(respondDefinition, { status: 99 })).toEqual([{ path: ['status'], message: 'status is from 200 to 599' }]);
    expect(issuesOf(respondDefinition, { status: 'ok' })).toEqual([{ path: ['status'], message: 'expected an HTTP status code, or a {{ template }}' }]);
    expect(issuesOf(respondDefinition, { headers: { 'X-A': 'a\nb' } })).toEqual([{ path: ['headers', 'X-A'], message: 'a header value has no line breaks' }]);
  });

  it('outputs status 200 and a JSON content type for an object body by default', async () => {
    expect(await respondExecutor.execute({ body: { ok: true } }, makeContext())).toEqual({
      ok: true,
      output: { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } },
    });
  });

  it('sends a string as text/plain unless a header says otherwise, and no content type without a body', async () => {
    expect(await respondExecutor.execute({ status: 202, body: 'queued' }, makeContext())).toMatchObject({
      output: { status: 202, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'queued' },
    });
    expect(await respondExecutor.execute({ headers: { 'Content-Type': 'text/html', 'X-N': 2, 'X-Gone': null }, body: '<p>hi</p>' }, makeContext())).toMatchObject({
      output: { headers: { 'content-type': 'text/html', 'x-n': '2' } },
    });
    expect(await respondExecutor.execute({ status: 204 }, makeContext())).toEqual({ ok: true, output: { status: 204, headers: {}, body: null } });
  });

  it('fails with invalid_request when the status template produced a wrong value', async () => {
    const result = await respondExecutor.execute({ status: '200' }, makeContext());
    expect(result).toMatchObject({ ok: false, failure: { category: 'invalid_request' } });
    expect(respondExecutor.pure).toBe(true);
  });
});
