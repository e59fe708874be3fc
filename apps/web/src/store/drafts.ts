import type { Workflow } from '@switchyard/schema';

/**
 * Unsaved work lives in localStorage per workflow id, so a reload (or a crashed tab) does not lose
 * it. Stored workflows are always valid; drafts need not be.
 */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  workflow: Workflow;
  /** The server version the draft was based on; null for a workflow never saved. */
  baseVersion: number | null;
  savedAt: string;
}

export const NEW_WORKFLOW_KEY = 'new';

export function draftKey(workflowId: string | null): string {
  return `switchyard.draft.${workflowId ?? NEW_WORKFLOW_KEY}`;
}

export function readDraft(storage: DraftStorage | undefined, workflowId: string | null): Draft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(draftKey(workflowId));
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.workflow !== 'object' || parsed.workflow === null) return null;
    return { workflow: parsed.workflow, baseVersion: typeof parsed.baseVersion === 'number' ? parsed.baseVersion : null, savedAt: String(parsed.savedAt ?? '') };
  } catch {
    // A corrupt draft must not block opening the workflow.
    return null;
  }
}

export function writeDraft(storage: DraftStorage | undefined, workflowId: string | null, draft: Draft): void {
  try {
    storage?.setItem(draftKey(workflowId), JSON.stringify(draft));
  } catch {
    // Quota or privacy mode: the editor still works, only reload-survival is lost.
  }
}

export function clearDraft(storage: DraftStorage | undefined, workflowId: string | null): void {
  try {
    storage?.removeItem(draftKey(workflowId));
  } catch {
    // See writeDraft.
  }
}

/** localStorage when the environment has one. */
export function browserStorage(): DraftStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
