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

/** Validates a workflow against the node types of this build. */
export function validate(workflow: Workflow): ValidationResult {
  return validateWorkflow(workflow, nodeDefinitions);
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
