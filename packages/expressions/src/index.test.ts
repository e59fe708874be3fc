import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toStrictEqual(
      [
        'DEFAULT_LIMITS',
        'ExpressionError',
        'TemplateSyntaxError',
        'checkExpression',
        'evaluateExpression',
        'evaluateTemplate',
        'isTemplate',
        'LinearRegExp',
        'UnsupportedPatternError',
        'compileLinear',
        'unsupportedPatternReason',
        'parseTemplate',
        'resolveTemplates',
      ].sort(),
    );
  });

  it('ExpressionError carries its kind', () => {
    const error = new api.ExpressionError('timeout', 'slow');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExpressionError');
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('slow');
  });
});

describe('browser safety', () => {
  const sources = readdirSync(here).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

  // re2js is pure JavaScript (a port of RE2), browser-safe like jsonata.
  it.each(sources)('%s imports nothing from Node and no package but jsonata and re2js', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1] as string);
    for (const target of imports) expect(target === 'jsonata' || target === 're2js' || target.startsWith('./'), `${file} imports ${target}`).toBe(true);
    expect(text).not.toMatch(/\brequire\(|process\.|Buffer\b/);
  });

  it('index.ts has named exports only', () => {
    expect(readFileSync(join(here, 'index.ts'), 'utf8')).not.toMatch(/export \*/);
  });
});
