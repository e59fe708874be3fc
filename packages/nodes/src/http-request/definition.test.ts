import { describe, expect, it } from 'vitest';
import { expectValid, issuesOf } from '../../test/issues.js';
import { HttpRequestResolvedParams, httpRequestDefinition } from './definition.js';

describe('http.request params as authored', () => {
  it.each([
    { url: 'https://api.example.com/v1/items' },
    { url: "{{ $integration.baseUrl & '/items' }}" },
    {
      method: 'POST',
      url: 'https://api.example.com/items',
      query: { page: 1, tags: ['a', 'b'], on: true, q: '{{ $input.q }}' },
      headers: { 'X-Request-Id': '{{ $run.id }}', 'X-Count': 3 },
      body: { name: '{{ $trigger.body.name }}', list: [1, null, { deep: true }] },
      maxResponseBytes: 1024,
      expect: { status: [200, 201], schema: { type: 'object', required: ['id'] } },
      responseType: 'json',
      followRedirects: 0,
    },
    { method: '{{ $input.method }}', url: 'http://x.example', body: 'raw text' },
    { url: 'http://x.example', maxResponseBytes: '{{ 2 * 1024 }}', followRedirects: '{{ 3 }}', responseType: '{{ "text" }}' },
    { url: 'http://x.example', expect: { status: '{{ [200] }}' } },
    { url: 'http://x.example', expect: { status: [200, '{{ $input.okStatus }}'] } },
    { method: 'DELETE', url: 'http://x.example', body: { reason: 'dup' } },
    { url: 'http://x.example', expect: { schema: true } },
  ])('accepts %j', (params) => {
    expectValid(httpRequestDefinition, params);
  });

  it.each([
    [{}, [{ path: ['url'], message: 'url is required' }]],
    [{ url: 'ftp://files.example' }, [{ path: ['url'], message: 'url is an absolute http:// or https:// URL' }]],
    [{ url: '/relative' }, [{ path: ['url'], message: 'url is an absolute http:// or https:// URL' }]],
    [{ url: 42 }, [{ path: ['url'], message: 'url is an absolute http:// or https:// URL, or a {{ template }}' }]],
    [{ url: 'http://x', method: 'FETCH' }, [{ path: ['method'], message: 'expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, or a {{ template }}' }]],
    [{ url: 'http://x', body: { a: 1 } }, [{ path: ['body'], message: 'a GET request has no body' }]],
    [{ url: 'http://x', method: 'HEAD', body: 'x' }, [{ path: ['body'], message: 'a HEAD request has no body' }]],
    [{ url: 'http://x', maxResponseBytes: 0 }, [{ path: ['maxResponseBytes'], message: 'maxResponseBytes is at least 1' }]],
    [{ url: 'http://x', maxResponseBytes: 1e9 }, [{ path: ['maxResponseBytes'], message: 'maxResponseBytes is at most 104857600 (100 MiB)' }]],
    [{ url: 'http://x', maxResponseBytes: 'lots' }, [{ path: ['maxResponseBytes'], message: 'expected a number of bytes, or a {{ template }}' }]],
    [{ url: 'http://x', followRedirects: 21 }, [{ path: ['followRedirects'], message: 'followRedirects is at most 20' }]],
    [{ url: 'http://x', responseType: 'xml' }, [{ path: ['responseType'], message: 'expected "auto", "json" or "text", or a {{ template }}' }]],
    [{ url: 'http://x', expect: { status: [200, 700] } }, [{ path: ['expect', 'status', 1], message: 'a status is from 100 to 599' }]],
    [{ url: 'http://x', expect: { status: [] } }, [{ path: ['expect', 'status'], message: 'expect.status lists at least one status' }]],
    [{ url: 'http://x', expect: { statuses: [200] } }, [{ path: ['expect'], message: 'unknown field "statuses"' }]],
    [{ url: 'http://x', timeoutMs: 5 }, [{ path: [], message: 'unknown field "timeoutMs"' }]],
    [{ url: 'http://x', headers: { 'bad name': 'x' } }, [{ path: ['headers', 'bad name'], message: "a header name is 1 to 256 letters, digits or !#$%&'*+.^_`|~-" }]],
    [{ url: 'http://x', headers: { 'X-A': 'a\r\nX-Injected: 1' } }, [{ path: ['headers', 'X-A'], message: 'a header value has no line breaks' }]],
    [{ url: 'http://x', headers: { 'X-A': { nested: 1 } } }, [{ path: ['headers', 'X-A'], message: 'a header value is a string, a number or a boolean' }]],
    [{ url: 'http://x', query: { a: { b: 1 } } }, [{ path: ['query', 'a'], message: 'a query value is a string, a number, a boolean or an array of them' }]],
  ])('rejects %j with located messages', (params, issues) => {
    expect(issuesOf(httpRequestDefinition, params)).toEqual(issues);
  });

  it('checks that expect.schema compiles with ajv, as a located issue', () => {
    const issues = issuesOf(httpRequestDefinition, { url: 'http://x', expect: { schema: { type: 'strnig' } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['expect', 'schema']);
    expect(issues[0]?.message).toMatch(/^not a valid JSON Schema: schema is invalid/);
    const ref = issuesOf(httpRequestDefinition, { url: 'http://x', expect: { schema: { $ref: 'https://elsewhere.example/s.json' } } });
    expect(ref[0]?.message).toMatch(/^not a valid JSON Schema: can't resolve reference/);
  });

  it('marks expect.schema, and only it, as not a template', () => {
    expect(httpRequestDefinition.isTemplateExempt?.(['expect', 'schema'])).toBe(true);
    expect(httpRequestDefinition.isTemplateExempt?.(['expect', 'schema', 'properties', 'a'])).toBe(true);
    expect(httpRequestDefinition.isTemplateExempt?.(['expect', 'status'])).toBe(false);
    expect(httpRequestDefinition.isTemplateExempt?.(['url'])).toBe(false);
    expect(httpRequestDefinition.isTemplateExempt?.(['body', 'schema'])).toBe(false);
  });

  it('declares its capabilities', () => {
    expect(httpRequestDefinition).toMatchObject({ type: 'http.request', group: 'integration', canFail: true, isTrigger: false });
    expect(httpRequestDefinition.outputs({ url: 'http://x' })).toBeNull();
  });
});

describe('http.request params after evaluation', () => {
  it('applies the defaults', () => {
    expect(HttpRequestResolvedParams.parse({ url: 'https://x.example' })).toEqual({
      url: 'https://x.example',
      method: 'GET',
      maxResponseBytes: 10_485_760,
      responseType: 'auto',
      followRedirects: 5,
    });
  });

  it('rejects a template that produced the wrong type', () => {
    const result = HttpRequestResolvedParams.safeParse({ url: 'https://x.example', maxResponseBytes: '{{ x }}', followRedirects: '2' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(['maxResponseBytes', 'followRedirects']);
  });

  it('accepts null header and query values (left out when sending)', () => {
    expect(HttpRequestResolvedParams.safeParse({ url: 'https://x.example', headers: { 'X-A': null }, query: { q: null } }).success).toBe(true);
  });
});
