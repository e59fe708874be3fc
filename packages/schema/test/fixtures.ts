import { z } from 'zod';
import { validateWorkflow } from '../src/index.js';
import type { NodeDefinition, NodeDefinitions, ParamPath, ValidationContext, ValidationIssue, Workflow } from '../src/index.js';

/** Small stand-ins for the real node definitions: the validator only sees the NodeDefinition contract. */
function definition(type: string, parts: Partial<NodeDefinition> & Pick<NodeDefinition, 'params'>): NodeDefinition {
  return {
    type,
    title: type,
    description: `fixture ${type}`,
    group: 'logic',
    canFail: true,
    isTrigger: false,
    outputs: () => null,
    ...parts,
  };
}

export const manualTrigger = definition('trigger.manual', { group: 'trigger', isTrigger: true, canFail: false, params: z.strictObject({}) });

export const webhookTrigger = definition('trigger.webhook', {
  group: 'trigger',
  isTrigger: true,
  canFail: false,
  params: z.looseObject({ path: z.string().regex(/^[a-z0-9][a-z0-9/_-]{0,127}$/) }),
});

/** An http-like action: can fail, has a params schema, and `expect.schema` is a JSON Schema, not a template. */
export const httpAction = definition('http.request', {
  group: 'integration',
  params: z.strictObject({
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
    url: z.string().min(1),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.union([z.number().int().positive(), z.string()]).optional(),
    expect: z.strictObject({ status: z.array(z.number().int()).optional(), schema: z.unknown().optional() }).optional(),
  }),
  isTemplateExempt: (path: ParamPath) => path[0] === 'expect' && path[1] === 'schema',
});

export const branch = definition('branch', {
  params: z.strictObject({ condition: z.string() }),
  outputs: () => ['true', 'false'],
});

/** A step that cannot fail: a retry edge on it is an error. */
export const noop = definition('noop', { canFail: false, params: z.strictObject({ label: z.string().optional() }) });

export const transform = definition('transform', { params: z.strictObject({ expression: z.unknown() }) });

export const respond = definition('respond', {
  params: z.strictObject({ status: z.union([z.number(), z.string()]).optional(), headers: z.unknown().optional(), body: z.unknown().optional() }),
});

export const notSupported = definition('code', { params: z.unknown(), notSupportedYet: 'the code node is not supported yet' });

/** A type whose `schema` param is a JSON Schema (exempt from templates). */
export const validator = definition('validate.json', {
  params: z.strictObject({ schema: z.unknown(), message: z.string().optional() }),
  isTemplateExempt: (path: ParamPath) => path[0] === 'schema',
});

export const DEFINITIONS: NodeDefinitions = new Map(
  [manualTrigger, webhookTrigger, httpAction, branch, noop, transform, respond, notSupported, validator].map((d) => [d.type, d]),
);

type Node = Workflow['nodes'][number];
type Edge = Workflow['edges'][number];

export function http(id: string, extra: Partial<Node> = {}): Node {
  return { id, type: 'http.request', params: { method: 'POST', url: 'https://example.test/x' }, ...extra };
}

/** start (manual trigger) → call (http): the smallest valid workflow, to break one rule at a time. */
export function workflow(nodes: Node[] = [], edges: Edge[] = []): Workflow {
  return {
    schemaVersion: 1,
    name: 'fixture',
    nodes: [{ id: 'start', type: 'trigger.manual' }, http('call'), ...nodes],
    edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'call' }, ...edges],
  };
}

export function next(id: string, source: string, target: string, handle?: string): Edge {
  return handle === undefined ? { id, kind: 'next', source, target } : { id, kind: 'next', source, target, handle };
}

/** The issues of an input that must be invalid (the test fails if it is valid). */
export function issuesOf(input: unknown, definitions: NodeDefinitions = DEFINITIONS, context?: ValidationContext): ValidationIssue[] {
  const result = validateWorkflow(input, definitions, context);
  if (result.ok) throw new Error('expected the workflow to be invalid, and it is valid');
  return result.issues;
}
