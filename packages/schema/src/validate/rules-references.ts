import type { WorkflowNode } from '../workflow.js';
import { issue, type ValidationContext, type ValidationIssue } from './issues.js';

/**
 * The credentials a webhook trigger checks requests against, with where each is named: its
 * secret, a previous secret still accepted during a rotation, and a verification token.
 */
function webhookCredentials(node: WorkflowNode): Array<{ path: string[]; id: string }> {
  if (node.type !== 'trigger.webhook') return [];
  const auth = node.params?.['auth'];
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth)) return [];
  const fields = auth as Record<string, unknown>;
  const out: Array<{ path: string[]; id: string }> = [];
  if (typeof fields['credential'] === 'string') out.push({ path: ['credential'], id: fields['credential'] });
  if (typeof fields['verifyToken'] === 'string') out.push({ path: ['verifyToken'], id: fields['verifyToken'] });
  const previous = fields['previous'];
  if (typeof previous === 'object' && previous !== null && !Array.isArray(previous)) {
    const id: unknown = (previous as Record<string, unknown>)['credential'];
    if (typeof id === 'string') out.push({ path: ['previous', 'credential'], id });
  }
  return out;
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
  for (const { path, id } of webhookCredentials(node)) {
    if (!credentials.has(id)) out.push(issue(['nodes', i, 'params', 'auth', ...path], 'unknown_credential', `credential '${id}' is not stored`));
  }
  return out;
}
