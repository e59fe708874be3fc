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
});
