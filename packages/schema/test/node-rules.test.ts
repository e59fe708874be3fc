import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateWorkflow, type NodeDefinition } from '../src/index.js';
import { DEFINITIONS, http, httpAction, issuesOf, next, workflow } from './fixtures.js';

const TEMPLATE_ERROR = /^template does not parse at offset \d+: ./;

describe('node types', () => {
  it('rejects an unknown type at the node type', () => {
    expect(issuesOf(workflow([{ id: 'x', type: 'nope' }], [next('e2', 'call', 'x')]))).toEqual([
      { path: ['nodes', 2, 'type'], code: 'unknown_node_type', message: "unknown node type 'nope'" },
    ]);
  });

  it('rejects a type that is not supported yet with its own message', () => {
    expect(issuesOf(workflow([{ id: 'x', type: 'code', params: { source: '{{ broken' } }], [next('e2', 'call', 'x')]))).toEqual([
      { path: ['nodes', 2, 'type'], code: 'not_supported', message: 'the code node is not supported yet' },
    ]);
  });

  it('accepts policy.defer, and locates a bad one', () => {
    expect(validateWorkflow(workflow([http('b', { policy: { defer: { maxWaitMs: 60_000, checkEveryMs: 5_000 } } })], [next('e2', 'call', 'b')]), DEFINITIONS).ok).toBe(true);
    const bad = issuesOf(workflow([http('b', { policy: { defer: { maxWaitMs: 0 } } })], [next('e2', 'call', 'b')]));
    expect(bad.map((i) => i.path)).toEqual([['nodes', 2, 'policy', 'defer', 'maxWaitMs']]);
  });
});

describe('params', () => {
  it("are checked by the type's schema, issues located under params", () => {
    const wf = workflow([http('b', { params: { method: 'FETCH', url: '', extra: 1 } })], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['nodes', 2, 'params', 'extra'], code: 'unknown_field', message: "unknown field 'extra'" },
      { path: ['nodes', 2, 'params', 'method'], code: 'invalid_value', message: "must be one of 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'" },
      { path: ['nodes', 2, 'params', 'url'], code: 'too_small', message: 'must be at least 1 character long' },
    ]);
  });

  it('are checked as {} when a node has none', () => {
    const wf = workflow([{ id: 'b', type: 'http.request' }], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['nodes', 2, 'params', 'method'], code: 'missing_field', message: "missing required field 'method'" },
      { path: ['nodes', 2, 'params', 'url'], code: 'missing_field', message: "missing required field 'url'" },
    ]);
  });

  it('report the union option the value was meant for', () => {
    const wf = workflow([http('b', { params: { method: 'GET', url: 'u', timeoutMs: -5 } })], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([{ path: ['nodes', 2, 'params', 'timeoutMs'], code: 'too_small', message: 'must be greater than 0' }]);
  });

  it('report a bad record value at its key', () => {
    const wf = workflow([http('b', { params: { method: 'GET', url: 'u', headers: { accept: 1 } } })], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([{ path: ['nodes', 2, 'params', 'headers', 'accept'], code: 'invalid_type', message: 'expected a string, got an integer' }]);
  });
});

describe('templates', () => {
  it('reject a param that does not parse, with the offset', () => {
    const issues = issuesOf(workflow([http('b', { params: { method: 'GET', url: 'https://x.test/{{ $trigger.body.id + }}' } })], [next('e2', 'call', 'b')]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['nodes', 2, 'params', 'url'], code: 'template_syntax' });
    expect(issues[0]?.message).toMatch(TEMPLATE_ERROR);
  });

  it('reject an unclosed {{ at its offset', () => {
    const issues = issuesOf(workflow([http('b', { params: { method: 'GET', url: 'ab{{ 1' } })], [next('e2', 'call', 'b')]));
    expect(issues).toEqual([{ path: ['nodes', 2, 'params', 'url'], code: 'template_syntax', message: expect.stringMatching(/^template does not parse at offset 2: /) }]);
  });

  it('walk objects and arrays inside params', () => {
    const body = { items: ['{{ $trigger.body.a }}', { deep: ['ok', '{{ ( }}'] }] };
    const issues = issuesOf(workflow([http('b', { params: { method: 'POST', url: 'u', body } })], [next('e2', 'call', 'b')]));
    expect(issues.map((i) => [i.path, i.code])).toEqual([[['nodes', 2, 'params', 'body', 'items', 1, 'deep', 1], 'template_syntax']]);
  });

  it('cover transform.expression and branch.condition', () => {
    const wf = workflow(
      [{ id: 't', type: 'transform', params: { expression: '{{ { "a": }}' } }, { id: 'check', type: 'branch', params: { condition: '{{ $input.x > }}' } }, http('yes')],
      [next('e2', 'call', 't'), next('e3', 't', 'check'), next('e4', 'check', 'yes', 'true')],
    );
    expect(issuesOf(wf).map((i) => [i.path, i.code])).toEqual([
      [['nodes', 2, 'params', 'expression'], 'template_syntax'],
      [['nodes', 3, 'params', 'condition'], 'template_syntax'],
    ]);
  });

  it('skip paths the type exempts (JSON Schemas), and only those', () => {
    const schema = { type: 'string', pattern: '{{ not a template' };
    const exempt = workflow([http('b', { params: { method: 'GET', url: 'u', expect: { status: [200], schema } } })], [next('e2', 'call', 'b')]);
    expect(validateWorkflow(exempt, DEFINITIONS).ok).toBe(true);
    const walked = workflow([http('b', { params: { method: 'GET', url: 'u', body: schema } })], [next('e2', 'call', 'b')]);
    expect(issuesOf(walked).map((i) => i.path)).toEqual([['nodes', 2, 'params', 'body', 'pattern']]);
  });

  it('skip a top-level exempt `schema` param', () => {
    const wf = workflow([{ id: 'v', type: 'validate.json', params: { schema: { title: '{{ x' }, message: '{{ x' } }], [next('e2', 'call', 'v')]);
    expect(issuesOf(wf).map((i) => i.path)).toEqual([['nodes', 2, 'params', 'message']]);
  });

  it("do not walk a trigger's params", () => {
    const wf = workflow([], []);
    wf.nodes[0] = { id: 'start', type: 'trigger.webhook', params: { path: 'orders', note: '{{ not a template' } };
    expect(validateWorkflow(wf, DEFINITIONS).ok).toBe(true);
  });

  it('cover policy.idempotencyKey and policy.lastKnownGood.key', () => {
    const policy = { idempotencyKey: '{{ $run.id & }}', lastKnownGood: { maxAgeMs: 1000, key: '{{' } };
    const issues = issuesOf(workflow([http('b', { policy })], [next('e2', 'call', 'b')]));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['nodes', 2, 'policy', 'idempotencyKey'], 'template_syntax'],
      [['nodes', 2, 'policy', 'lastKnownGood', 'key'], 'template_syntax'],
    ]);
    for (const found of issues) expect(found.message).toMatch(TEMPLATE_ERROR);
  });

  it('accept the delimiter forms of the spec', () => {
    const body = { a: "{{{'a':1}}}", b: "{{ {'a': {'b': 1}} }}", c: "{{ 'x}}y' }}", d: '\\{{ literal', e: 'plain' };
    expect(validateWorkflow(workflow([http('b', { params: { method: 'POST', url: 'u', body } })], [next('e2', 'call', 'b')]), DEFINITIONS).ok).toBe(true);
  });
});

describe("a webhook's idempotency expression", () => {
  function webhook(expression: string): ReturnType<typeof workflow> {
    const wf = workflow();
    wf.nodes[0] = { id: 'start', type: 'trigger.webhook', params: { path: 'orders', idempotency: { expression } } };
    return wf;
  }

  it('parses as plain JSONata', () => {
    expect(validateWorkflow(webhook("body.orderId & ':' & headers.`x-shop`"), DEFINITIONS).ok).toBe(true);
  });

  it('is rejected at its path when it does not parse', () => {
    expect(issuesOf(webhook('body.id +'))).toEqual([
      { path: ['nodes', 0, 'params', 'idempotency', 'expression'], code: 'invalid_expression', message: expect.stringMatching(/^expression does not parse/) },
    ]);
  });
});

describe('a definition that throws', () => {
  it('is reported at the node, not raised', () => {
    const outputsThrow: NodeDefinition = { ...httpAction, type: 'bad.outputs', outputs: () => { throw new Error('boom'); } };
    const paramsThrow: NodeDefinition = { ...httpAction, type: 'bad.params', params: z.unknown().superRefine(() => { throw new Error('kaput'); }) };
    const exemptThrows: NodeDefinition = { ...httpAction, type: 'bad.exempt', isTemplateExempt: () => { throw new Error('nope'); } };
    const definitions = new Map([...DEFINITIONS, ...[outputsThrow, paramsThrow, exemptThrows].map((d) => [d.type, d] as const)]);
    const params = { method: 'GET', url: 'u' };
    const wf = workflow(
      [{ id: 'a', type: 'bad.outputs', params }, { id: 'b', type: 'bad.params', params }, { id: 'c', type: 'bad.exempt', params }],
      [next('e2', 'call', 'a'), next('e3', 'a', 'b'), next('e4', 'b', 'c')],
    );
    expect(issuesOf(wf, definitions)).toEqual([
      { path: ['nodes', 2, 'type'], code: 'definition_error', message: "the 'bad.outputs' definition failed to list its outputs: boom" },
      { path: ['nodes', 3, 'params'], code: 'definition_error', message: "the 'bad.params' params schema failed on these params: kaput" },
      { path: ['nodes', 4, 'params'], code: 'definition_error', message: "the 'bad.exempt' definition failed to say which params are templates: nope" },
    ]);
  });
});
