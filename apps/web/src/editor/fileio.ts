import type { Workflow } from '@switchyard/schema';

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
