import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkflow, Workflow } from '../src/index.js';
import { DEFINITIONS } from './fixtures.js';

const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

describe('the spec examples', () => {
  it('are the four the spec ships', () => {
    expect(files).toEqual(['branch-and-join.json', 'enrich-with-cache.json', 'order-saga.json', 'sync-contacts.json']);
  });

  for (const file of files) {
    const input: unknown = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));

    it(`${file} passes the structure (stage 1)`, () => {
      expect(Workflow.safeParse(input).success).toBe(true);
    });

    it(`${file} passes every rule with fixture definitions of its types`, () => {
      const result = validateWorkflow(input, DEFINITIONS);
      expect(result).toEqual({ ok: true, workflow: input, warnings: [] });
    });
  }
});
