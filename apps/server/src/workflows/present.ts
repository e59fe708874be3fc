import type { StoredWorkflow } from '@switchyard/engine';
import type { ValidationIssue } from '@switchyard/schema';
import { iso } from '../http/iso-time.js';


/** A stored workflow as the API shows it: the definition with the server's fields beside it. */
export function presentWorkflow(stored: StoredWorkflow, warnings?: ValidationIssue[]): Record<string, unknown> {
  return {
    id: stored.id,
    version: stored.version,
    active: stored.active,
    createdAt: iso(stored.createdAt),
    updatedAt: iso(stored.updatedAt),
    ...stored.definition,
    ...(warnings === undefined ? {} : { warnings }),
  };
}
