import type { NodeDefinitions } from '../node-definition.js';
import type { WorkflowNode } from '../workflow.js';
import { issue, type ValidationIssue } from './issues.js';

/** Known type, implemented type: what one node says about itself. */
export function checkNodeType(node: WorkflowNode, i: number, definitions: NodeDefinitions): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const definition = definitions.get(node.type);
  if (definition === undefined) {
    out.push(issue(['nodes', i, 'type'], 'unknown_node_type', `unknown node type '${node.type}'`));
  } else if (definition.notSupportedYet !== undefined) {
    out.push(issue(['nodes', i, 'type'], 'not_supported', definition.notSupportedYet));
  }
  return out;
}
