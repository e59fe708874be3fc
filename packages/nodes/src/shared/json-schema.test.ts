import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from './json-schema.js';

describe('compileJsonSchema patterns (RE2, linear time)', () => {
  it('validates the catastrophic pattern on a hostile 30-character value, correctly', () => {
    const compiled = compileJsonSchema({ type: 'object', properties: { name: { type: 'string', pattern: '^(\\w+\\s?)*$' } } });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.validate({ name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' })).toMatch(/must match pattern/);
    expect(compiled.validate({ name: 'ab cd' })).toBeNull();
  });

  it('applies patternProperties on RE2 too', () => {
    const compiled = compileJsonSchema({ type: 'object', patternProperties: { '^(a+)+$': { type: 'number' } } });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.validate({ aaaa: 'x' })).toMatch(/must be number/);
    expect(compiled.validate({ ['a'.repeat(40) + '!']: 'x' })).toBeNull();
  });

  it('refuses a pattern RE2 cannot run when the schema compiles, saying why', () => {
    const compiled = compileJsonSchema({ type: 'string', pattern: '^(a)\\1$' });
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toMatch(/not supported.*backreferences/);
  });
});
