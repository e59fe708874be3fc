import { SERVER_WORKFLOW_FIELDS, validateWorkflow } from '@switchyard/schema';
import type { NodeDefinitions, ValidationIssue, Workflow } from '@switchyard/schema';
import type { Store } from '@switchyard/engine';
import type { CredentialStore } from '../ports/index.js';
import { ApiError } from '../http/api-error.js';

/** Drops the fields the server owns: a client may send back what it read. */
export function stripServerFields(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of SERVER_WORKFLOW_FIELDS) delete copy[field];
  return copy;
}

/**
 * Validates a workflow as a client sent it, with the registered integrations and credentials as
 * context (unknown ones are warnings). Throws `invalid_workflow` with the issues.
 */
export async function validateForStore(
  input: unknown,
  definitions: NodeDefinitions,
  store: Pick<Store, 'listIntegrations'> & Pick<CredentialStore, 'listCredentials'>,
): Promise<{ workflow: Workflow; warnings: ValidationIssue[] }> {
  const [integrations, credentials] = await Promise.all([store.listIntegrations(), store.listCredentials()]);
  const result = validateWorkflow(stripServerFields(input), definitions, {
    integrations: new Set(integrations.map((i) => i.id)),
    credentials: new Set(credentials.map((c) => c.id)),
  });
  if (!result.ok) throw new ApiError('invalid_workflow', 'the workflow is not valid', { issues: result.issues, warnings: result.warnings });
  return { workflow: result.workflow, warnings: result.warnings };
}
