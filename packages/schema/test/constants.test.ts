import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATEGORIES, ErrorCategory } from '../src/index.js';

describe('constants.ts', () => {
  it('imports nothing: clients load it without zod', () => {
    const source = readFileSync(new URL('../src/constants.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
  });

  it('is where the zod enum of error categories takes its names from', () => {
    expect(ErrorCategory.options).toEqual(ERROR_CATEGORIES);
  });
});
