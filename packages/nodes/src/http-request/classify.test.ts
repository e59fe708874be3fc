import { describe, expect, it } from 'vitest';
import { classifyStatus, classifyTransportError, isExpectedStatus } from './classify.js';
import { DestinationBlockedError } from './guard.js';

const NOW = Date.UTC(2026, 0, 1);

describe('isExpectedStatus', () => {
  it('accepts any 2xx by default and exactly the listed statuses otherwise', () => {
    expect(isExpectedStatus(200, undefined)).toBe(true);
    expect(isExpectedStatus(299, undefined)).toBe(true);
    expect(isExpectedStatus(302, undefined)).toBe(false);
    expect(isExpectedStatus(404, [200, 404])).toBe(true);
    expect(isExpectedStatus(200, [201])).toBe(false);
  });
});

describe('classifyStatus', () => {
  it.each([
    [408, undefined, 'timeout', undefined],
    [429, undefined, 'rate_limited', undefined],
    [429, '3', 'rate_limited', 3_000],
    [503, '3', 'rate_limited', 3_000],
    [503, undefined, 'server', undefined],
    [500, '3', 'server', undefined],
    [502, undefined, 'server', undefined],
    [504, undefined, 'server', undefined],
    [501, undefined, 'invalid_request', undefined],
    [401, undefined, 'auth', undefined],
    [403, undefined, 'auth', undefined],
    [400, undefined, 'invalid_request', undefined],
    [404, undefined, 'invalid_request', undefined],
    [409, undefined, 'invalid_request', undefined],
    [422, undefined, 'invalid_request', undefined],
    [302, undefined, 'invalid_response', undefined],
    [204, undefined, 'invalid_response', undefined],
    [101, undefined, 'invalid_response', undefined],
  ] as const)('%d (Retry-After %s) is %s', (status, retryAfter, category, retryAfterMs) => {
    expect(classifyStatus(status, retryAfter, NOW)).toEqual(retryAfterMs === undefined ? { category } : { category, retryAfterMs });
  });
});

describe('classifyTransportError', () => {
  const none = { cancelled: false, timedOut: false };
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('tells cancellation from timeout by who aborted, cancellation first', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(classifyTransportError(abort, { cancelled: true, timedOut: true }).category).toBe('cancelled');
    expect(classifyTransportError(abort, { cancelled: false, timedOut: true }).category).toBe('timeout');
  });

  it.each([
    ['ECONNREFUSED', 'network'],
    ['ECONNRESET', 'network'],
    ['ENOTFOUND', 'network'],
    ['EAI_AGAIN', 'network'],
    ['UND_ERR_SOCKET', 'network'],
    ['CERT_HAS_EXPIRED', 'network'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'network'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'network'],
    ['ETIMEDOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_OVERFLOW', 'invalid_response'],
    ['HPE_INVALID_CONSTANT', 'invalid_response'],
    ['UND_ERR_INVALID_ARG', 'invalid_request'],
  ] as const)('%s is %s', (code, category) => {
    expect(classifyTransportError(coded(code), none).category).toBe(category);
  });

  it('reads codes down the cause chain', () => {
    const wrapped = new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(classifyTransportError(wrapped, none)).toEqual({ category: 'network', detail: 'connection refused (ECONNREFUSED)' });
  });

  it('makes a blocked destination invalid_request with its message', () => {
    const blocked = new DestinationBlockedError('10.0.0.1', 'private address');
    expect(classifyTransportError(blocked, none)).toEqual({ category: 'invalid_request', detail: 'destination 10.0.0.1 is not allowed (private address)' });
  });

  it('treats an unknown transport error as network', () => {
    expect(classifyTransportError(new Error('weird'), none)).toEqual({ category: 'network', detail: 'weird' });
  });
});
