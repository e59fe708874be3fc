import { Workflow, SERVER_WORKFLOW_FIELDS } from '@switchyard/schema';

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

export function workflowFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'workflow'}.json`;
}

/** Starts a download of the workflow JSON (browser only). */
export function downloadWorkflow(workflow: Workflow): void {
  const blob = new Blob([`${JSON.stringify(workflow, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = workflowFileName(workflow.name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
