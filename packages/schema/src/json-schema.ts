import { z } from 'zod';
import { Workflow } from './workflow.js';

/**
 * The workflow format as a JSON Schema (draft 2020-12), for the editor and the docs. It describes
 * the structure only: the graph rules, node params and templates need `validateWorkflow`.
 */
export function workflowJsonSchema(): object {
  return z.toJSONSchema(Workflow, { target: 'draft-2020-12', unrepresentable: 'any' });
}
