import { describe, expect, it } from 'vitest';
import { recordRequest, recordResponse, truncateBody } from './record.js';
import { createRedactor } from './redact.js';

describe('truncateBody', () => {
  it('keeps a body within the limit as it is', () => {
    expect(truncateBody({ a: 1 }, 7)).toEqual({ body: { a: 1 }, truncated: false });
    expect(truncateBody(null, 0)).toEqual({ body: null, truncated: false });
  });

  it('cuts the text of a longer body and never leaves half a character', () => {
    expect(truncateBody({ a: 'xyz' }, 6)).toEqual({ body: '{"a":"', truncated: true });
    expect(truncateBody('ééé', 3)).toEqual({ body: 'é', truncated: true });
  });
});

describe('recordRequest and recordResponse', () => {
  const redactor = createRedactor(['s3cr3t-value']);

  it('redacts before truncating, so a cut cannot expose part of a secret', () => {
    const recorded = recordRequest(
      { method: 'POST', url: 'https://x.example/?k=s3cr3t-value', headers: { authorization: 'Bearer s3cr3t-value' }, body: 'ab s3cr3t-value' },
      redactor,
      8,
    );
    expect(recorded).toEqual({
      method: 'POST',
      url: 'https://x.example/?k=[redacted]',
      headers: { authorization: '[redacted]' },
      body: 'ab [reda',
      truncated: true,
    });
  });

  it('marks a response read only in part as truncated', () => {
    expect(recordResponse({ status: 500, headers: {}, body: 'x', incomplete: true }, redactor, 100).truncated).toBe(true);
  });
});
