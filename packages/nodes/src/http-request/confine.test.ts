import { describe, expect, it } from 'vitest';
import { confinementError } from './confine.js';

const crm = { id: 'crm', baseUrl: 'https://api.example.com/v1/crm' };

describe('confinementError', () => {
  it.each([
    'https://api.example.com/v1/crm',
    'https://api.example.com/v1/crm/',
    'https://api.example.com/v1/crm/people/42?x=../y',
    'https://api.example.com/v1/crm/people/ada%40example.com',
    'https://API.example.com:443/v1/crm/a',
  ])('accepts %s', (url) => {
    expect(confinementError(new URL(url), crm)).toBeNull();
  });

  it.each([
    ['https://api.example.com/v1/crm/../admin', 'is outside integration crm'],
    ['https://api.example.com/v1/crm/%2E%2E/admin', 'is outside integration crm'],
    ['https://api.example.com/v1/crm/.%2e/admin', 'is outside integration crm'],
    ['https://api.example.com/v1/crm/..%2Fadmin', 'encoded dot or slash'],
    ['https://api.example.com/v1/crm/a%2F..%2F..%2Fadmin', 'encoded dot or slash'],
    ['https://api.example.com/v1/crm/%252e%252e/admin', 'encoded dot or slash'],
    ['https://api.example.com/v1/crm/..%5Cadmin', 'encoded dot or slash'],
    ['https://api.example.com/v1/crmx', 'is outside integration crm'],
    ['https://api.example.com/v1', 'is outside integration crm'],
    ['http://api.example.com/v1/crm/a', 'another origin'],
    ['https://api.example.com:8443/v1/crm/a', 'another origin'],
    ['https://evil.example.com/v1/crm/a', 'another origin'],
    ['https://api.example.com.evil.com/v1/crm/a', 'another origin'],
  ])('refuses %s', (url, reason) => {
    expect(confinementError(new URL(url), crm)).toContain(reason);
  });

  it('treats a base URL at the root as the whole origin', () => {
    expect(confinementError(new URL('https://h.example/anything'), { id: 'h', baseUrl: 'https://h.example' })).toBeNull();
  });
});
