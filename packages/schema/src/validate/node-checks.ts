import type { NodeDefinitions } from '../node-definition.js';
import type { WorkflowNode } from '../workflow.js';
import type { ValidationContext, ValidationIssue } from './issues.js';
import { checkNodeType } from './rules-node-types.js';
import { checkParams, declaredOutputs } from './rules-params.js';
import { checkReferences } from './rules-references.js';
import { checkTemplates } from './rules-templates.js';

export interface NodeReport {
  readonly issues: ValidationIssue[];
  readonly warnings: ValidationIssue[];
  /** Declared outputs, or `undefined` when they cannot be known (unknown type, invalid params). */
  readonly outputs: readonly string[] | null | undefined;
}

/** The rules one node can break on its own, without looking at the graph. */
export function checkNode(node: WorkflowNode, i: number, definitions: NodeDefinitions, context: ValidationContext): NodeReport {
  const issues = checkNodeType(node, i, definitions);
  const found = definitions.get(node.type);
  // An unsupported type's params schema is not a contract yet: `not_supported` is the one issue it gets.
  const definition = found?.notSupportedYet === undefined ? found : undefined;
  let outputs: readonly string[] | null | undefined;
  if (definition !== undefined) {
    const params = checkParams(node, i, definition);
    issues.push(...params.issues);
    if (params.parsed !== undefined) {
      const declared = declaredOutputs(node, i, definition, params.parsed.value);
      issues.push(...declared.issues);
      outputs = declared.outputs;
    }
  }
  issues.push(...checkTemplates(node, i, definition));
  return { issues, warnings: checkReferences(node, i, context), outputs };
}
