/**
 * Everything the editor checks with zod, ajv and JSONata: the validator, the node types' params
 * schemas, the workflow schema (import, examples) and the template parser. They are about 40 % of
 * the editor's code and drawing a workflow needs none of them, so this module is loaded on demand
 * (loadChecks.ts) and the canvas renders without waiting for it. Import it only from there.
 */
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { validateWorkflow, Workflow, type ValidationResult } from '@switchyard/schema';
import type { Example } from '../examples';
import { fieldsForDefinition } from './paramFields';
import type { FieldSpec } from '../inspector/schemaFields';

export { parseWorkflowFile } from './importFile';
export { templateError } from './templateCheck';

/**
 * Validates a workflow against the node types of this build and, once the server has said what
 * it has, the registered integrations and credentials (an unknown one is a warning, as on save).
 */
export function validate(workflow: Workflow, registered?: { integrations: readonly string[]; credentials: readonly string[] }): ValidationResult {
  return validateWorkflow(workflow, nodeDefinitions, registered === undefined ? {} : { integrations: new Set(registered.integrations), credentials: new Set(registered.credentials) });
}

/** The form fields of a node type's params, or null for a type this build does not know. */
export function paramFields(type: string): FieldSpec[] | null {
  const definition = nodeDefinitions.get(type);
  return definition === undefined ? null : fieldsForDefinition(definition);
}

/** An example as a workflow (the examples ship with the app: one that does not parse is a bug). */
export function parseExample(example: Example): Workflow {
  return Workflow.parse(example.raw);
}
