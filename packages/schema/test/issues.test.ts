import { describe, expect, it } from 'vitest';
import { validateWorkflow, type Workflow } from '../src/index.js';
import { comparePaths, sortIssues } from '../src/validate/issues.js';
import { DEFINITIONS, http, issuesOf, next } from './fixtures.js';

describe('issue order', () => {
  it('compares paths index by index, numbers before keys, a prefix first', () => {
    expect(comparePaths(['nodes', 2], ['nodes', 10])).toBeLessThan(0);
    expect(comparePaths(['edges', 9], ['nodes', 0])).toBeLessThan(0);
    expect(comparePaths(['nodes', 1], ['nodes', 1, 'id'])).toBeLessThan(0);
    expect(comparePaths(['x', 0], ['x', 'a'])).toBeLessThan(0);
    expect(comparePaths(['a', 1], ['a', 1])).toBe(0);
  });

  it('sorts by path, then code and message, and drops exact duplicates', () => {
    const a = { path: ['nodes', 1], code: 'b', message: 'm' };
    const b = { path: ['nodes', 1], code: 'a', message: 'm' };
    const c = { path: ['edges', 0], code: 'z', message: 'm' };
    expect(sortIssues([a, b, c, a])).toEqual([c, b, a]);
  });
});

describe('large workflows', () => {
  function chain(length: number): Workflow {
    const nodes: Workflow['nodes'] = [{ id: 'start', type: 'trigger.manual' }];
    const edges: Workflow['edges'] = [];
    for (let i = 0; i < length; i++) {
      nodes.push(http(`n${i}`));
      edges.push(next(`e${i}`, i === 0 ? 'start' : `n${i - 1}`, `n${i}`));
    }
    return { schemaVersion: 1, name: 'chain', nodes, edges };
  }

  it('validates a chain of 1999 nodes', () => {
    expect(validateWorkflow(chain(1999), DEFINITIONS).ok).toBe(true);
  });

  it('names a cycle through 1999 nodes once', () => {
    const wf = chain(1999);
    wf.edges.push(next('back', 'n1998', 'n1'));
    const issues = issuesOf(wf);
    // edges[2] (n1 → n2) is the cycle's first edge; the cycle does not include n0.
    expect(issues.map((i) => [i.path, i.code])).toEqual([[['edges', 2, 'target'], 'next_cycle']]);
    expect(issues[0]?.message.startsWith('next edges form a cycle: n1 → n2 → n3')).toBe(true);
    expect(issues[0]?.message.endsWith('n1998 → n1')).toBe(true);
  });
});
