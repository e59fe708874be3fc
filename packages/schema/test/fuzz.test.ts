import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateWorkflow, type NodeDefinition, type NodeDefinitions, type ValidationResult, type Workflow } from '../src/index.js';
import { comparePaths } from '../src/validate/issues.js';
import { DEFINITIONS, httpAction, workflow } from './fixtures.js';

function check(input: unknown): ValidationResult {
  const result = validateWorkflow(input, DEFINITIONS, { integrations: new Set(['shop']), credentials: new Set() });
  // Deterministic: the same input always gives the same answer.
  expect(validateWorkflow(input, DEFINITIONS, { integrations: new Set(['shop']), credentials: new Set() })).toEqual(result);
  const listed = result.ok ? result.warnings : [...result.issues, ...result.warnings];
  for (const found of listed) {
    expect(typeof found.code).toBe('string');
    expect(found.message.length).toBeGreaterThan(0);
    expect(found.path.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
  }
  if (!result.ok) {
    expect(result.issues.length).toBeGreaterThan(0);
    for (let i = 1; i < result.issues.length; i++) {
      expect(comparePaths((result.issues[i - 1] as { path: Array<string | number> }).path, (result.issues[i] as { path: Array<string | number> }).path)).toBeLessThanOrEqual(0);
    }
  }
  return result;
}

/** An independent reading of the core graph rules: whatever the validator accepts must satisfy them. */
function assertGraphInvariants(wf: Workflow): void {
  const ids = wf.nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(wf.nodes.filter((n) => DEFINITIONS.get(n.type)?.isTrigger === true)).toHaveLength(1);
  for (const n of wf.nodes) expect(DEFINITIONS.get(n.type)?.notSupportedYet).toBeUndefined();
  for (const e of wf.edges) {
    expect(ids).toContain(e.source);
    expect(ids).toContain(e.target);
    if (e.kind === 'retry') expect(e.target).toBe(e.source);
  }
  const nextEdges = wf.edges.filter((e) => e.kind === 'next');
  // Kahn's algorithm consumes every node only if the next edges are acyclic.
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const e of nextEdges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const ready = ids.filter((id) => indegree.get(id) === 0);
  let consumed = 0;
  while (ready.length > 0) {
    const id = ready.pop() as string;
    consumed++;
    for (const e of nextEdges.filter((x) => x.source === id)) {
      indegree.set(e.target, (indegree.get(e.target) ?? 0) - 1);
      if (indegree.get(e.target) === 0) ready.push(e.target);
    }
  }
  expect(consumed).toBe(ids.length);
  const fallbackTargets = wf.edges.filter((e) => e.kind === 'fallback').map((e) => e.target);
  expect(new Set(fallbackTargets).size).toBe(fallbackTargets.length);
  for (const e of nextEdges) {
    expect(fallbackTargets).not.toContain(e.source);
    expect(fallbackTargets).not.toContain(e.target);
  }
}

const nodeId = fc.constantFrom('start', 'a', 'b', 'c', 'd');
const nodeType = fc.constantFrom('trigger.manual', 'trigger.webhook', 'http.request', 'branch', 'noop', 'transform', 'code', 'unknown.type', 'validate.json');
const params = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.constant({ method: 'GET', url: '{{ $input.url }}' }),
  fc.constant({ condition: '{{ $input.ok }}' }),
  fc.constant({ path: 'hook', idempotency: { expression: 'body.id' } }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
);
const node = fc.record({ id: nodeId, type: nodeType, params }, { requiredKeys: ['id', 'type'] });
const edgeId = fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8');
const edge = fc.oneof(
  fc.record({ id: edgeId, kind: fc.constant('next'), source: nodeId, target: nodeId, handle: fc.constantFrom('true', 'false', 'x') }, { requiredKeys: ['id', 'kind', 'source', 'target'] }),
  fc.record({ id: edgeId, kind: fc.constant('retry'), source: nodeId, target: nodeId, retry: fc.constant({ maxAttempts: 2 }) }),
  fc.record({ id: edgeId, kind: fc.constant('fallback'), source: nodeId, target: nodeId, order: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['id', 'kind', 'source', 'target'] }),
  fc.record({ id: edgeId, kind: fc.constant('compensate'), source: nodeId, target: nodeId }),
);
const graph = fc.record({
  schemaVersion: fc.constant(1),
  name: fc.constant('fuzz'),
  nodes: fc.array(node, { maxLength: 6 }),
  edges: fc.array(edge, { maxLength: 10 }),
});

/** A chain from the trigger through valid nodes, plus random extra edges: valid often enough to test what is accepted. */
const plausibleNode = fc.constantFrom<Workflow['nodes'][number]['type']>('http.request', 'noop', 'transform', 'branch');
const PLAUSIBLE_PARAMS: Readonly<Record<string, Record<string, unknown>>> = {
  'http.request': { method: 'GET', url: '{{ $input.url }}' },
  noop: {},
  transform: { expression: '{{ $input }}' },
  branch: { condition: '{{ $input.ok }}' },
};
const extraEdge = fc.record(
  {
    id: fc.constantFrom('x1', 'x2', 'x3', 'x4'),
    kind: fc.constantFrom('next', 'retry', 'fallback', 'compensate'),
    source: fc.constantFrom('start', 'n0', 'n1', 'n2', 'n3'),
    target: fc.constantFrom('start', 'n0', 'n1', 'n2', 'n3'),
  },
);
const plausibleGraph = fc.tuple(fc.array(plausibleNode, { minLength: 1, maxLength: 4 }), fc.array(extraEdge, { maxLength: 4 })).map(([types, extras]) => {
  const nodes: Workflow['nodes'] = [{ id: 'start', type: 'trigger.manual' }, ...types.map((type, i) => ({ id: `n${i}`, type, params: PLAUSIBLE_PARAMS[type] }))];
  const edges: unknown[] = types.map((_, i) => {
    const source = i === 0 ? 'start' : `n${i - 1}`;
    return types[i - 1] === 'branch' && i > 0 ? { id: `e${i}`, kind: 'next', source, target: `n${i}`, handle: 'true' } : { id: `e${i}`, kind: 'next', source, target: `n${i}` };
  });
  for (const extra of extras) edges.push(extra.kind === 'retry' ? { ...extra, retry: { maxAttempts: 2 } } : extra);
  return { schemaVersion: 1, name: 'plausible', nodes, edges };
});

function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Array.isArray(value) ? value.map((v, i) => paths(v, [...at, i])) : Object.entries(value).map(([k, v]) => paths(v, [...at, k]));
  return [at, ...children.flat()];
}

function replaceAt(root: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: unknown = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = replacement;
  return copy;
}

const saga: unknown = JSON.parse(readFileSync(new URL('../../../examples/order-saga.json', import.meta.url), 'utf8'));
const sagaPaths = paths(saga);

describe('validateWorkflow never throws', () => {
  it('on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => void check(input)), { numRuns: 300 });
  });

  it('on random values of any kind', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true }), (input) => void check(input)), { numRuns: 300 });
  });

  it('on an example with one value replaced at random', () => {
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue({ maxDepth: 2 }), (pick, value) => void check(replaceAt(saga, sagaPaths[pick % sagaPaths.length] as Array<string | number>, value))),
      { numRuns: 300 },
    );
  });

  it('on random graphs, and what it accepts satisfies the graph rules', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(graph, plausibleGraph), (input) => {
        const result = check(input);
        if (!result.ok) return;
        accepted++;
        assertGraphInvariants(result.workflow);
      }),
      { numRuns: 1000 },
    );
    // A generator that never produces a valid graph would make the invariant check vacuous.
    expect(accepted).toBeGreaterThan(0);
  });

  it('on params nested too deep for recursion, and on cyclic params', () => {
    let deep: unknown = '{{ broken';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const wf = workflow();
    const call = wf.nodes[1] as Workflow['nodes'][number];
    call.params = { method: 'POST', url: 'u', body: deep };
    const deepResult = check(wf);
    const deepIssues = deepResult.ok ? [] : deepResult.issues;
    expect(deepIssues.map((i) => [i.code, i.message, i.path.length])).toEqual([['too_deep', 'params nest more than 100 levels deep', 3 + 101]]);
    const cyclic: Record<string, unknown> = { text: '{{ 1 + }}' };
    cyclic['self'] = cyclic;
    call.params = { method: 'POST', url: 'u', body: cyclic };
    const result = validateWorkflow(wf, DEFINITIONS);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([['nodes', 1, 'params', 'body', 'text']]);
  });

  it('on a definition that throws something unprintable, or a definition map that throws', () => {
    const unprintable = { toString: (): string => { throw new Error('no'); } };
    const weird: NodeDefinition = { ...httpAction, type: 'weird', outputs: () => { throw unprintable; } };
    const wf = workflow([{ id: 'w', type: 'weird', params: { method: 'GET', url: 'u' } }], [{ id: 'e2', kind: 'next', source: 'call', target: 'w' }]);
    expect(validateWorkflow(wf, new Map([...DEFINITIONS, ['weird', weird]]))).toEqual({
      ok: false,
      issues: [{ path: ['nodes', 2, 'type'], code: 'definition_error', message: "the 'weird' definition failed to list its outputs: an unprintable error" }],
      warnings: [],
    });
    const broken = { get: (): never => { throw unprintable; } } as unknown as NodeDefinitions;
    expect(validateWorkflow(wf, broken)).toEqual({ ok: false, issues: [{ path: [], code: 'internal', message: 'the workflow could not be validated: an unprintable error' }], warnings: [] });
  });

  it('on a hostile object whose getters throw', () => {
    const hostile = Object.defineProperty({ schemaVersion: 1, name: 'x', edges: [] }, 'nodes', { enumerable: true, get: () => { throw new Error('gotcha'); } });
    expect(validateWorkflow(hostile, DEFINITIONS)).toEqual({
      ok: false,
      issues: [{ path: [], code: 'internal', message: 'the workflow could not be validated: gotcha' }],
      warnings: [],
    });
  });
});
