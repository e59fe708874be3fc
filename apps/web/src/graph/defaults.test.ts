import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { defaultParamsFor } from './defaults';

describe('defaultParamsFor', () => {
  for (const [type, definition] of nodeDefinitions) {
    it(`${type} starts with params its schema accepts`, () => {
      const params = defaultParamsFor(type) ?? {};
      expect(definition.params.safeParse(params).success).toBe(true);
    });
  }

  it('gives a copy, and nothing for an unknown type', () => {
    const first = defaultParamsFor('http.request') ?? {};
    first.url = 'https://changed.example';
    expect(defaultParamsFor('http.request')).toEqual({ method: 'GET', url: 'https://example.com' });
    expect(defaultParamsFor('no.such.type')).toBeUndefined();
  });
});
