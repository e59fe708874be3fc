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

  it.each(sources)('%s imports nothing from Node and no package but jsonata', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1] as string);
    for (const target of imports) expect(target === 'jsonata' || target.startsWith('./'), `${file} imports ${target}`).toBe(true);
    expect(text).not.toMatch(/\brequire\(|process\.|Buffer\b/);
  });

  it('index.ts has named exports only', () => {
    expect(readFileSync(join(here, 'index.ts'), 'utf8')).not.toMatch(/export \*/);
  });
});

describe('performance', () => {
  it('resolves a typical params object many times quickly (cached parse and compile, fast paths)', async () => {
    const ctx: api.EvaluationContext = {
      bindings: {
        trigger: { body: { domain: 'example.com', order: { id: 'o-1', qty: 2 } } },
        input: { body: { id: 7 } },
        run: { id: 'run-1' },
        node: { id: 'charge', attempt: 1, epoch: 0 },
        nodes: { reserve: { body: { id: 'r-1' } } },
      },
      now: () => 0,
    };
    const params = {
      method: 'POST',
      url: 'https://{{ $trigger.body.domain }}/orders/{{ body.id }}',
      headers: { 'content-type': 'application/json', 'x-run': '{{ $run.id }}' },
      body: { order: '{{ $trigger.body.order.id }}', qty: '{{ $trigger.body.order.qty }}', reservation: '{{ $nodes.reserve.body.id }}' },
    };
    const key = "{{ $run.id & ':' & $node.id & ':' & $node.epoch }}";
    const runs = 10_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      await api.resolveTemplates(params, ctx);
      await api.evaluateTemplate(key, ctx);
    }
    const ms = performance.now() - start;
    // About 0.1 s on a laptop; the bound only catches losing the caches or the fast path.
    expect(ms).toBeLessThan(2000);
    expect(await api.evaluateTemplate(key, ctx)).toBe('run-1:charge:0');
  });
});
