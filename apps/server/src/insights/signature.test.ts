import { describe, expect, it } from 'vitest';
import { normaliseMessage } from './signature.js';

describe('failure signatures', () => {
  it('takes out what varies between occurrences of one problem', () => {
    expect(normaliseMessage('order 8123 not found')).toBe('order <n> not found');
    expect(normaliseMessage("customer 'ann@example.com' is blocked")).toBe('customer <value> is blocked');
    expect(normaliseMessage('run 0195f3a2-7c4e-7b8a-9d2f-1a2b3c4d5e6f failed')).toBe('run <id> failed');
    expect(normaliseMessage('no answer within 2000 ms')).toBe('no answer within <n> ms');
    expect(normaliseMessage('GET https://api.example.com/x?token=abc failed')).toBe('GET https://api.example.com/x?<query> failed');
    // The origin stays (which host failed matters); ids in the path go.
    expect(normaliseMessage('HTTP 503 from POST http://127.0.0.1:38013/orders/8812/charge')).toBe('HTTP <n> from POST http://127.0.0.1:38013/orders/<n>/charge');
    expect(normaliseMessage('trace deadbeefcafe1234 lost')).toBe('trace <id> lost');
  });

  it('keeps words that only contain digits as part of a name', () => {
    expect(normaliseMessage('oauth2 token refused')).toBe('oauth2 token refused');
    expect(normaliseMessage('HTTP 503')).toBe('HTTP <n>');
  });
});
