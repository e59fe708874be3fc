import type { NodeDefinition } from '../node-definition.js';
import type { WorkflowNode } from '../workflow.js';
import { errorText, issue, type ValidationIssue } from './issues.js';
import { mapZodIssues } from './zod-issues.js';

export interface ParamsCheck {
  readonly issues: ValidationIssue[];
  /** The params as the type's schema parsed them, when they pass. */
  readonly parsed?: { readonly value: unknown };
}

/** Params pass the node type's own schema; its issues are located under `['nodes', i, 'params']`. */
export function checkParams(node: WorkflowNode, i: number, definition: NodeDefinition): ParamsCheck {
  // A node without params is checked as `{}`: a type whose params are all optional accepts it.
  const params: unknown = node.params ?? {};
  try {
    const result = definition.params.safeParse(params);
    if (result.success) return { issues: [], parsed: { value: result.data } };
    return { issues: mapZodIssues(result.error.issues, params, ['nodes', i, 'params']) };
  } catch (error) {
    return { issues: [issue(['nodes', i, 'params'], 'definition_error', `the '${node.type}' params schema failed on these params: ${errorText(error)}`)] };
  }
}

/** The outputs a node declares for its parsed params; a definition that throws is reported, not raised. */
export function declaredOutputs(node: WorkflowNode, i: number, definition: NodeDefinition, parsed: unknown): { outputs?: readonly string[] | null; issues: ValidationIssue[] } {
  try {
    const outputs = definition.outputs(parsed);
    if (outputs === null || (Array.isArray(outputs) && outputs.every((o) => typeof o === 'string'))) return { outputs, issues: [] };
    return { issues: [issue(['nodes', i, 'type'], 'definition_error', `the '${node.type}' definition declared outputs that are not a list of names`)] };
  } catch (error) {
    return { issues: [issue(['nodes', i, 'type'], 'definition_error', `the '${node.type}' definition failed to list its outputs: ${errorText(error)}`)] };
  }
}
