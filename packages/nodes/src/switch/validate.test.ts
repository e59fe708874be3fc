import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '@switchyard/schema';
import { nodeDefinitions } from '../definitions.js';

// The validator's located errors for a switch, with the real node definitions.

function workflow(switchParams: unknown, handles: string[]) {
  return {
    schemaVersion: 1,
    name: 'route tickets',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'route', type: 'switch', params: switchParams },
      ...handles.map((_, i) => ({ id: `team${i}`, type: 'transform', params: { expression: '{{ $input }}' } })),
    ],
    edges: [
      { id: 'e0', kind: 'next', source: 'start', target: 'route' },
      ...handles.map((handle, i) => ({ id: `h${i}`, kind: 'next', source: 'route', target: `team${i}`, handle })),
    ],
  };
}

const cases = [
  { name: 'billing', condition: '{{ $input.type = "billing" }}' },
  { name: 'bug', condition: '{{ $input.type = "bug" }}' },
];

function issues(switchParams: unknown, handles: string[]) {
  const result = validateWorkflow(workflow(switchParams, handles), nodeDefinitions);
  return result.ok ? [] : result.issues.map(({ path, code, message }) => ({ path, code, message }));
}

describe('validating a switch', () => {
  it('accepts edges from each case and from default', () => {
    expect(issues({ cases, mode: 'all' }, ['case:billing', 'case:bug', 'default'])).toEqual([]);
  });

  it('refuses a switch without cases, located at its cases', () => {
    expect(issues({ cases: [] }, ['default'])).toEqual([expect.objectContaining({ path: ['nodes', 1, 'params', 'cases'], message: 'cases names at least one case' })]);
  });

  it('refuses a duplicate case name, located at the second one', () => {
    expect(issues({ cases: [...cases, { name: 'bug', condition: true }] }, ['case:bug'])).toEqual([
      expect.objectContaining({ path: ['nodes', 1, 'params', 'cases', 2, 'name'], message: "duplicate case name 'bug' (also cases[1])" }),
    ]);
  });

  it('refuses an edge from an unknown case handle, and one without a handle', () => {
    expect(issues({ cases }, ['case:billing', 'case:sales'])).toEqual([
      { path: ['edges', 2, 'handle'], code: 'unknown_handle', message: "node 'route' (switch) has no output 'case:sales'; its outputs are: 'case:billing', 'case:bug', 'default'" },
    ]);
    const noHandle = workflow({ cases }, []);
    noHandle.nodes.push({ id: 'team', type: 'transform', params: { expression: '{{ $input }}' } });
    noHandle.edges.push({ id: 'plain', kind: 'next', source: 'route', target: 'team' });
    const result = validateWorkflow(noHandle, nodeDefinitions);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['missing_handle']);
  });
});
