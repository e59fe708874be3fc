import { describe, expect, it } from 'vitest';
import { createRedactor, redactUrlPasswords, secretForms } from './redact.js';

describe('createRedactor', () => {
  const secret = 'p@ss word/+=';
  const redactor = createRedactor([secret], ['X-Token']);

  it('replaces the secret in all its wire forms', () => {
    for (const form of secretForms(secret)) expect(redactor.text(`a ${form} b`)).toBe('a [redacted] b');
    expect(secretForms(secret)).toEqual(
      expect.arrayContaining([secret, 'p%40ss%20word%2F%2B%3D', 'p%40ss+word%2F%2B%3D', Buffer.from(secret).toString('base64')]),
    );
  });

  it('walks JSON values, keys included, and keeps a __proto__ key a plain key', () => {
    const value = JSON.parse(`{"list":["${secret}",1,null],"${secret}":true,"__proto__":{"x":"${secret}"}}`);
    const out = redactor.json(value) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toContain('__proto__');
    expect(out['list']).toEqual(['[redacted]', 1, null]);
  });

  it('replaces sensitive header values whole in records, and only secrets otherwise', () => {
    const headers = { authorization: 'Bearer other', 'x-token': 'abc', cookie: 'a=1', 'x-note': `k=${secret}` };
    expect(redactor.headers(headers, true)).toEqual({ authorization: '[redacted]', 'x-token': '[redacted]', cookie: '[redacted]', 'x-note': 'k=[redacted]' });
    expect(redactor.headers(headers, false)).toEqual({ ...headers, 'x-note': 'k=[redacted]' });
  });

  it('does not search free text for very short secrets', () => {
    expect(createRedactor(['ab']).text('abc')).toBe('abc');
  });

  it('replaces a longer secret before a shorter one it contains', () => {
    expect(createRedactor(['abcd', 'abcdefgh']).text('xabcdefghx')).toBe('x[redacted]x');
  });
});

describe('redactUrlPasswords', () => {
  it('replaces the password of every URL, however short, and keeps the rest readable', () => {
    expect(redactUrlPasswords('GET http://ops:pw@127.0.0.1:9/x: connect ECONNREFUSED')).toBe('GET http://ops:[redacted]@127.0.0.1:9/x: connect ECONNREFUSED');
    expect(redactUrlPasswords('a https://u:p%40ss@h.example/ and smtp://x:y@mail:25')).toBe('a https://u:[redacted]@h.example/ and smtp://x:[redacted]@mail:25');
    expect(redactUrlPasswords('mail me at ops@example.com or see http://host/a@b')).toBe('mail me at ops@example.com or see http://host/a@b');
    expect(createRedactor([]).text('POST https://me:hunter2@api.example/v1')).toBe('POST https://me:[redacted]@api.example/v1');
  });
});
