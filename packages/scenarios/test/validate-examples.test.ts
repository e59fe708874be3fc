import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { validateWorkflow } from '@switchyard/schema';
import { examplesDir } from './harness.js';

const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

describe('the spec examples validate with the real node definitions', () => {
  it('finds the examples', () => expect(files.length).toBeGreaterThanOrEqual(4));
  for (const file of files) {
    it(file, () => {
      const result = validateWorkflow(JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8')), nodeDefinitions);
      expect(result.ok ? [] : result.issues).toEqual([]);
    });
  }

  it('warns about integrations that are not registered, without refusing the workflow', () => {
    const saga = JSON.parse(readFileSync(new URL('order-saga.json', examplesDir), 'utf8'));
    const result = validateWorkflow(saga, nodeDefinitions, { integrations: new Set(['inventory']) });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toContain('unknown_integration');
    expect(result.warnings.some((w) => w.message.includes('payments'))).toBe(true);
  });

  it('refuses a typo in a policy with a located message', () => {
    const saga = JSON.parse(readFileSync(new URL('order-saga.json', examplesDir), 'utf8'));
    saga.nodes[1].policy = { timeoutMs: 2000, retries: 3 };
    const result = validateWorkflow(saga, nodeDefinitions);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ path: ['nodes', 1, 'policy', 'retries'], code: 'unknown_field' }));
  });
});
