import { Workflow } from '@switchyard/schema';
import { SERVER_WORKFLOW_FIELDS } from '@switchyard/schema/constants';

export type ImportResult = { ok: true; workflow: Workflow } | { ok: false; message: string };

/**
 * Reads an imported file. The shape must be a workflow (so the canvas can show it); the rules
 * need not pass: an imported workflow with problems opens with its problems listed. Server
 * fields (id, version, ...) of an exported stored workflow are dropped, as the server does.
 */
export function parseWorkflowFile(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'The file is not a workflow: expected a JSON object with nodes and edges.' };
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const field of SERVER_WORKFLOW_FIELDS) delete copy[field];
  const parsed = Workflow.safeParse(copy);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    return { ok: false, message: `The file is not a valid workflow${where ? ` at ${where}` : ''}: ${first?.message ?? 'unknown problem'}` };
  }
  // The parsed value, not the raw one: zod's strict objects already rejected unknown keys.
  return { ok: true, workflow: parsed.data };
}
