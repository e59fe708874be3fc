import { describe, expect, it } from 'vitest';
import { decodeBody, isJsonContentType, snippet } from './response-body.js';

describe('decodeBody', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('is null for an empty body whatever is expected', () => {
    expect(decodeBody(Buffer.alloc(0), 'application/json', 'json')).toEqual({ value: null, text: '' });
  });

  it('parses JSON when auto sees a JSON content type, and keeps text otherwise', () => {
    expect(decodeBody(bytes('{"a":1}'), 'application/json; charset=utf-8', 'auto').value).toEqual({ a: 1 });
    expect(decodeBody(bytes('{"a":1}'), 'application/problem+json', 'auto').value).toEqual({ a: 1 });
    expect(decodeBody(bytes('{"a":1}'), 'text/html', 'auto').value).toBe('{"a":1}');
    expect(decodeBody(bytes('{"a":1}'), undefined, 'auto').value).toBe('{"a":1}');
  });

  it('reports a JSON error when JSON was expected', () => {
    expect(decodeBody(bytes('<html>oops</html>'), 'text/html', 'json').jsonError).toMatch(/JSON/);
  });

  it('refuses JSON nested deeper than the stores can serialise', () => {
    const deep = '['.repeat(1_500) + ']'.repeat(1_500);
    expect(decodeBody(bytes(deep), 'application/json', 'auto').jsonError).toBe('nested deeper than 1000 levels');
    const fine = '['.repeat(900) + ']'.repeat(900);
    expect(decodeBody(bytes(fine), 'application/json', 'auto').jsonError).toBeUndefined();
  });

  it('decodes the charset the response names', () => {
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=iso-8859-1', 'auto').value).toBe('café');
    expect(decodeBody(bytes('café'), 'text/plain; charset=unknown-thing', 'auto').value).toBe('café');
  });
});

describe('isJsonContentType and snippet', () => {
  it('recognises JSON media types', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON;charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/vnd.api+json')).toBe(true);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
  });

  it('makes a one-line snippet of at most 200 characters', () => {
    expect(snippet('a\n  b\tc')).toBe('a b c');
    expect(snippet('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
  });
});
