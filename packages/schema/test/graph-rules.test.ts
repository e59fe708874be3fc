import { describe, expect, it } from 'vitest';
import { validateWorkflow, type Workflow } from '../src/index.js';
import { DEFINITIONS, http, issuesOf, next, workflow } from './fixtures.js';

type Edge = Workflow['edges'][number];

function retry(id: string, source: string, target: string): Edge {
  return { id, kind: 'retry', source, target, retry: { maxAttempts: 3 } };
}
function fallback(id: string, source: string, target: string, order?: number): Edge {
  return order === undefined ? { id, kind: 'fallback', source, target } : { id, kind: 'fallback', source, target, order };
}
function compensate(id: string, source: string, target: string): Edge {
  return { id, kind: 'compensate', source, target };
}

describe('a valid graph', () => {
  it('accepts retry, fallback and compensate edges used as the spec says', () => {
    const wf = workflow(
      [http('backup'), http('undo'), http('undo_backup'), http('ship'), { id: 'check', type: 'branch', params: { condition: '{{ true }}' } }, http('yes'), http('no')],
      [
        next('e2', 'call', 'ship'),
        retry('r1', 'call', 'call'),
        retry('r2', 'backup', 'backup'),
        fallback('f1', 'call', 'backup', 1),
        compensate('c1', 'call', 'undo'),
        compensate('c2', 'backup', 'undo_backup'),
        retry('r3', 'undo', 'undo'),
        next('e3', 'ship', 'check'),
        next('e4', 'check', 'yes', 'true'),
        next('e5', 'check', 'no', 'false'),
      ],
    );
    expect(validateWorkflow(wf, DEFINITIONS)).toEqual({ ok: true, workflow: wf, warnings: [] });
  });

  it('accepts several fallbacks of one node with distinct orders, and a fallback of a fallback target', () => {
    const wf = workflow([http('alt1'), http('alt2'), http('alt3')], [fallback('f1', 'call', 'alt1', 1), fallback('f2', 'call', 'alt2', 2), fallback('f3', 'alt1', 'alt3')]);
    expect(validateWorkflow(wf, DEFINITIONS).ok).toBe(true);
  });
});

describe('ids and endpoints', () => {
  it('rejects a duplicate node id at the second node', () => {
    expect(issuesOf(workflow([http('call')]))).toEqual([
      { path: ['nodes', 2, 'id'], code: 'duplicate_node_id', message: "node id 'call' is already used by nodes[1]" },
    ]);
  });

  it('rejects a duplicate edge id at the second edge', () => {
    expect(issuesOf(workflow([http('b')], [next('e1', 'call', 'b')]))).toEqual([
      { path: ['edges', 1, 'id'], code: 'duplicate_edge_id', message: "edge id 'e1' is already used by edges[0]" },
    ]);
  });

  it('rejects an edge whose target is not a node', () => {
    expect(issuesOf(workflow([], [next('e2', 'call', 'ghost')]))).toEqual([
      { path: ['edges', 1, 'target'], code: 'unknown_node', message: "edge 'e2' target 'ghost' is not a node of this workflow" },
    ]);
  });

  it('rejects an edge whose source is not a node', () => {
    expect(issuesOf(workflow([], [fallback('f1', 'ghost', 'call')]))).toEqual([
      { path: ['edges', 1, 'source'], code: 'unknown_node', message: "edge 'f1' source 'ghost' is not a node of this workflow" },
    ]);
  });
});

describe('the trigger', () => {
  it('requires one', () => {
    expect(issuesOf({ schemaVersion: 1, name: 'x', nodes: [http('a'), http('b')], edges: [next('e1', 'a', 'b')] })).toEqual([
      { path: ['nodes'], code: 'no_trigger', message: 'a workflow needs exactly one trigger node (a trigger.* type); it has none' },
    ]);
  });

  it('allows only one', () => {
    expect(issuesOf(workflow([{ id: 'again', type: 'trigger.webhook', params: { path: 'x' } }]))).toEqual([
      { path: ['nodes', 2, 'type'], code: 'multiple_triggers', message: "a workflow has exactly one trigger node, and 'start' is already its trigger" },
    ]);
  });

  it('counts an unregistered trigger.* type as a trigger, so a typo in it is one issue', () => {
    const wf = { schemaVersion: 1, name: 'x', nodes: [{ id: 'hook', type: 'trigger.webhok' }, http('a')], edges: [next('e1', 'hook', 'a')] };
    expect(issuesOf(wf)).toEqual([{ path: ['nodes', 0, 'type'], code: 'unknown_node_type', message: "unknown node type 'trigger.webhok'" }]);
  });

  it('has no incoming next edge', () => {
    expect(issuesOf(workflow([], [next('e2', 'call', 'start')]))).toEqual([
      { path: ['edges', 0, 'target'], code: 'next_cycle', message: 'next edges form a cycle: start → call → start' },
      { path: ['edges', 1, 'target'], code: 'trigger_incoming_edge', message: "the trigger 'start' cannot have incoming edges ('e2' is a next edge into it)" },
    ]);
  });

  it('has no incoming retry edge', () => {
    const wf = workflow([], [{ id: 'r1', kind: 'retry', source: 'start', target: 'start', retry: { maxAttempts: 2 } }]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 1, 'source'], code: 'retry_cannot_fail', message: "node 'start' of type 'trigger.manual' cannot fail, so it cannot have a retry edge" },
      { path: ['edges', 1, 'target'], code: 'trigger_incoming_edge', message: "the trigger 'start' cannot have incoming edges ('r1' is a retry edge into it)" },
    ]);
  });

  it('is not a fallback target', () => {
    const issues = issuesOf(workflow([], [fallback('f1', 'call', 'start')]));
    expect(issues).toContainEqual({ path: ['edges', 1, 'target'], code: 'trigger_incoming_edge', message: "the trigger 'start' cannot have incoming edges ('f1' is a fallback edge into it)" });
  });

  it('is not a compensation target', () => {
    expect(issuesOf(workflow([], [compensate('c1', 'call', 'start')]))).toContainEqual({
      path: ['edges', 1, 'target'],
      code: 'trigger_incoming_edge',
      message: "the trigger 'start' cannot have incoming edges ('c1' is a compensate edge into it)",
    });
  });

  it('is not a compensation source', () => {
    expect(issuesOf(workflow([http('undo')], [compensate('c1', 'start', 'undo')]))).toEqual([
      { path: ['edges', 1, 'source'], code: 'trigger_invalid_edge', message: "the trigger 'start' cannot have a compensate edge" },
    ]);
  });

  it('is not a fallback source', () => {
    expect(issuesOf(workflow([http('alt')], [fallback('f1', 'start', 'alt')]))).toEqual([
      { path: ['edges', 1, 'source'], code: 'trigger_invalid_edge', message: "the trigger 'start' cannot have a fallback edge" },
    ]);
  });
});

describe('next edges', () => {
  it('form no cycle, and the cycle is named', () => {
    const wf = workflow([http('a'), http('b')], [next('e2', 'call', 'a'), next('e3', 'a', 'b'), next('e4', 'b', 'a')]);
    expect(issuesOf(wf)).toEqual([{ path: ['edges', 2, 'target'], code: 'next_cycle', message: 'next edges form a cycle: a → b → a' }]);
  });

  it('form no self-loop', () => {
    expect(issuesOf(workflow([], [next('e2', 'call', 'call')]))).toEqual([
      { path: ['edges', 1, 'target'], code: 'next_cycle', message: 'next edges form a cycle: call → call' },
    ]);
  });

  it('report each separate cycle', () => {
    const wf = workflow([http('a'), http('b'), http('c')], [next('e2', 'call', 'a'), next('e3', 'a', 'a'), next('e4', 'call', 'b'), next('e5', 'b', 'c'), next('e6', 'c', 'b')]);
    expect(issuesOf(wf).map((i) => [i.code, i.message])).toEqual([
      ['next_cycle', 'next edges form a cycle: a → a'],
      ['next_cycle', 'next edges form a cycle: b → c → b'],
    ]);
  });

  it('reach every node from the trigger', () => {
    expect(issuesOf(workflow([http('lonely')]))).toEqual([
      { path: ['nodes', 2], code: 'unreachable', message: "node 'lonely' is not reachable from the trigger through next edges" },
    ]);
  });

  it('flag every node of a flow that no trigger starts', () => {
    expect(issuesOf(workflow([http('island'), http('after')], [next('e2', 'island', 'after')])).map((i) => i.path)).toEqual([
      ['nodes', 2],
      ['nodes', 3],
    ]);
  });
});

describe('retry edges', () => {
  it('are self-loops', () => {
    expect(issuesOf(workflow([http('b')], [next('e2', 'call', 'b'), retry('r1', 'call', 'b')]))).toEqual([
      { path: ['edges', 2, 'target'], code: 'retry_not_self_loop', message: "a retry edge loops on its node: its target must be 'call', not 'b'" },
    ]);
  });

  it('are at most one per node', () => {
    expect(issuesOf(workflow([], [retry('r1', 'call', 'call'), retry('r2', 'call', 'call')]))).toEqual([
      { path: ['edges', 2, 'source'], code: 'duplicate_retry', message: "node 'call' already has the retry edge 'r1'; a node has at most one" },
    ]);
  });

  it('sit only on a node type that can fail', () => {
    expect(issuesOf(workflow([{ id: 'n', type: 'noop' }], [next('e2', 'call', 'n'), retry('r1', 'n', 'n')]))).toEqual([
      { path: ['edges', 2, 'source'], code: 'retry_cannot_fail', message: "node 'n' of type 'noop' cannot fail, so it cannot have a retry edge" },
    ]);
  });
});

describe('fallback edges', () => {
  it('give a fallback target exactly one fallback edge', () => {
    const wf = workflow([http('b'), http('alt')], [next('e2', 'call', 'b'), fallback('f1', 'call', 'alt'), fallback('f2', 'b', 'alt')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 3, 'target'], code: 'fallback_target_shared', message: "node 'alt' is already the target of the fallback edge 'f1'; a fallback target stands in for one node only" },
    ]);
  });

  it('keep next edges out of a fallback target', () => {
    expect(issuesOf(workflow([http('alt')], [fallback('f1', 'call', 'alt'), next('e2', 'call', 'alt')]))).toEqual([
      { path: ['edges', 2, 'target'], code: 'fallback_target_next', message: "node 'alt' is the target of the fallback edge 'f1' and cannot have next edges: its output stands in for its source's" },
    ]);
  });

  it('keep next edges from leaving a fallback target', () => {
    const wf = workflow([http('alt'), http('b')], [next('e2', 'call', 'b'), fallback('f1', 'call', 'alt'), next('e3', 'alt', 'b')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 3, 'source'], code: 'fallback_target_next', message: "node 'alt' is the target of the fallback edge 'f1' and cannot have next edges: its output stands in for its source's" },
    ]);
  });

  it('form no cycle', () => {
    const wf = workflow([http('x'), http('y')], [fallback('f1', 'x', 'y'), fallback('f2', 'y', 'x')]);
    expect(issuesOf(wf)).toEqual([{ path: ['edges', 1, 'target'], code: 'fallback_cycle', message: 'fallback edges form a cycle: x → y → x' }]);
  });

  it('form no self-loop', () => {
    expect(issuesOf(workflow([], [fallback('f1', 'call', 'call')]))).toEqual([
      { path: ['edges', 0, 'target'], code: 'fallback_target_next', message: "node 'call' is the target of the fallback edge 'f1' and cannot have next edges: its output stands in for its source's" },
      { path: ['edges', 1, 'target'], code: 'fallback_cycle', message: 'fallback edges form a cycle: call → call' },
    ]);
  });

  it('have an order unique per source', () => {
    const wf = workflow([http('a1'), http('a2')], [fallback('f1', 'call', 'a1', 2), fallback('f2', 'call', 'a2', 2)]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 2, 'order'], code: 'duplicate_fallback_order', message: "node 'call' already has the fallback edge 'f1' with order 2; each fallback of a node needs its own order" },
    ]);
  });

  it('count an omitted order as 1', () => {
    const wf = workflow([http('a1'), http('a2')], [fallback('f1', 'call', 'a1', 1), fallback('f2', 'call', 'a2')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 2, 'order'], code: 'duplicate_fallback_order', message: "node 'call' already has the fallback edge 'f1' with order 1 (an omitted order is 1); each fallback of a node needs its own order" },
    ]);
  });
});

describe('compensate edges', () => {
  it('give a compensation node exactly one compensate edge', () => {
    const wf = workflow([http('b'), http('undo')], [next('e2', 'call', 'b'), compensate('c1', 'call', 'undo'), compensate('c2', 'b', 'undo')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 3, 'target'], code: 'compensate_target_shared', message: "node 'undo' is already the target of the compensate edge 'c1'; a compensation node undoes one node only" },
    ]);
  });

  it('are at most one per node', () => {
    expect(issuesOf(workflow([http('u1'), http('u2')], [compensate('c1', 'call', 'u1'), compensate('c2', 'call', 'u2')]))).toEqual([
      { path: ['edges', 2, 'source'], code: 'duplicate_compensate', message: "node 'call' already has the compensate edge 'c1'; a node has at most one" },
    ]);
  });

  it('keep next edges out of a compensation node', () => {
    expect(issuesOf(workflow([http('undo')], [compensate('c1', 'call', 'undo'), next('e2', 'call', 'undo')]))).toEqual([
      { path: ['edges', 2, 'target'], code: 'compensate_target_next', message: "node 'undo' is the target of the compensate edge 'c1' and cannot have next edges: it runs only during compensation" },
    ]);
  });

  it('keep next edges from leaving a compensation node', () => {
    const wf = workflow([http('undo'), http('b')], [next('e2', 'call', 'b'), compensate('c1', 'call', 'undo'), next('e3', 'undo', 'b')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 3, 'source'], code: 'compensate_target_next', message: "node 'undo' is the target of the compensate edge 'c1' and cannot have next edges: it runs only during compensation" },
    ]);
  });

  it('do not make a fallback target a compensation node too', () => {
    expect(issuesOf(workflow([http('alt')], [fallback('f1', 'call', 'alt'), compensate('c1', 'call', 'alt')]))).toEqual([
      { path: ['edges', 2, 'target'], code: 'compensate_fallback_conflict', message: "node 'alt' is the target of the fallback edge 'f1' and cannot also be a compensation node" },
    ]);
  });

  it('do not undo a compensation node', () => {
    expect(issuesOf(workflow([http('undo'), http('undo2')], [compensate('c1', 'call', 'undo'), compensate('c2', 'undo', 'undo2')]))).toEqual([
      { path: ['edges', 2, 'source'], code: 'compensate_of_compensation', message: "node 'undo' is the compensation node of the compensate edge 'c1'; a compensation is not undone, so it cannot have a compensate edge" },
    ]);
  });
});

describe('handles', () => {
  const check = { id: 'check', type: 'branch', params: { condition: '{{ $input.ok }}' } };

  it('are required from a node that declares outputs', () => {
    expect(issuesOf(workflow([check, http('yes')], [next('e2', 'call', 'check'), next('e3', 'check', 'yes')]))).toEqual([
      { path: ['edges', 2, 'handle'], code: 'missing_handle', message: "node 'check' (branch) has several outputs ('true', 'false'): a next edge from it needs a handle naming one" },
    ]);
  });

  it('name an output the node declares', () => {
    expect(issuesOf(workflow([check, http('yes')], [next('e2', 'call', 'check'), next('e3', 'check', 'yes', 'maybe')]))).toEqual([
      { path: ['edges', 2, 'handle'], code: 'unknown_handle', message: "node 'check' (branch) has no output 'maybe'; its outputs are: 'true', 'false'" },
    ]);
  });

  it('are forbidden from a node with the main output only', () => {
    expect(issuesOf(workflow([http('b')], [next('e2', 'call', 'b', 'true')]))).toEqual([
      { path: ['edges', 1, 'handle'], code: 'unexpected_handle', message: "node 'call' (http.request) has a single output: a next edge from it takes no handle (got 'true')" },
    ]);
  });

  it('are not checked against a node whose params are invalid (its outputs are unknown)', () => {
    const broken = { id: 'check', type: 'branch', params: {} };
    expect(issuesOf(workflow([broken, http('yes')], [next('e2', 'call', 'check'), next('e3', 'check', 'yes')]))).toEqual([
      { path: ['nodes', 2, 'params', 'condition'], code: 'missing_field', message: "missing required field 'condition'" },
    ]);
  });
});
