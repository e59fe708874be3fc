import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkflow, Workflow } from '../src/index.js';
import { DEFINITIONS } from './fixtures.js';

const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;
// The spec's own four; the project's further examples use node types these fixtures do not
// declare (packages/scenarios validates every example with the real definitions).
const files = ['branch-and-join.json', 'enrich-with-cache.json', 'order-saga.json', 'sync-contacts.json'];

describe('the spec examples', () => {
  it('are the four the spec ships', () => {
    expect(readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))).toEqual(expect.arrayContaining(files));
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
