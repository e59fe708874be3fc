import type { WorkflowNode } from '../workflow.js';
import { issue, type ValidationContext, type ValidationIssue } from './issues.js';

/** The credential a webhook trigger checks requests against, when it names one. */
function webhookCredential(node: WorkflowNode): string | undefined {
  if (node.type !== 'trigger.webhook') return undefined;
  const auth = node.params?.['auth'];
  if (typeof auth !== 'object' || auth === null) return undefined;
  const credential: unknown = (auth as Record<string, unknown>)['credential'];
  return typeof credential === 'string' ? credential : undefined;
}

/**
 * Warnings, not errors: a workflow may be imported before its integrations and credentials exist
 * (workflow-format.md); the run fails with `invalid_request` if they are still missing then.
 */
export function checkReferences(node: WorkflowNode, i: number, context: ValidationContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const { integrations, credentials } = context;
  if (integrations !== undefined && node.integration !== undefined && !integrations.has(node.integration)) {
    out.push(issue(['nodes', i, 'integration'], 'unknown_integration', `integration '${node.integration}' is not registered`));
  }
  if (credentials === undefined) return out;
  if (node.credential !== undefined && !credentials.has(node.credential)) {
    out.push(issue(['nodes', i, 'credential'], 'unknown_credential', `credential '${node.credential}' is not stored`));
  }
  const auth = webhookCredential(node);
  if (auth !== undefined && !credentials.has(auth)) {
    out.push(issue(['nodes', i, 'params', 'auth', 'credential'], 'unknown_credential', `credential '${auth}' is not stored`));
  }
  return out;
}
