import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { workflowJsonSchema } from '../src/index.js';

const example: unknown = JSON.parse(readFileSync(new URL('../../../examples/order-saga.json', import.meta.url), 'utf8'));

describe('workflowJsonSchema', () => {
  const schema = workflowJsonSchema();

  it('is a draft 2020-12 JSON Schema', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });

  it('compiles with ajv and accepts an example workflow', () => {
    const validate = new Ajv2020().compile(schema);
    expect(validate(example)).toBe(true);
  });

  it('rejects an unknown field and an unknown edge kind', () => {
    const validate = new Ajv2020().compile(schema);
    const base = example as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
    const typo = { ...base, nodes: [{ ...base.nodes[0], retries: 3 }, ...base.nodes.slice(1)] };
    expect(validate(typo)).toBe(false);
    const kind = { ...base, edges: [{ ...base.edges[0], kind: 'jump' }, ...base.edges.slice(1)] };
    expect(validate(kind)).toBe(false);
  });

  it('is a fresh object on every call, so a caller cannot change another caller’s copy', () => {
    expect(workflowJsonSchema()).not.toBe(schema);
    expect(workflowJsonSchema()).toEqual(schema);
  });
});
