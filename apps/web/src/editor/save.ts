import { ApiError, type Api } from '../api';
import type { EditorState, EditorStore } from '../store/editorStore';

/** Why Save is disabled, in words for the button's tooltip; null when it can save. */
export function saveBlockedReason(state: Pick<EditorState, 'validation' | 'dirty' | 'server'>): string | null {
  if (!state.validation.ok) {
    const n = state.validation.issues.length;
    return `Fix ${n} ${n === 1 ? 'problem' : 'problems'} first: stored workflows are always valid.`;
  }
  if (!state.dirty && state.server.id !== null) return 'No unsaved changes.';
  return null;
}

/** Why (de)activation is not possible now; null when it is. Deactivating never waits for a save. */
export function activateBlockedReason(state: Pick<EditorState, 'dirty' | 'server'>): string | null {
  if (state.server.id === null) return 'Save the workflow first.';
  if (state.dirty && !state.server.active) return 'Save your changes first: activation uses the stored version.';
  return null;
}

export type SaveOutcome =
  | { ok: true; id: string; created: boolean; warnings: string[] }
  | { ok: false; message: string; conflict?: { currentVersion: number } };

/** POST for a new workflow, PUT for a stored one; the store learns the new id and version. */
export async function saveWorkflow(api: Api, store: EditorStore): Promise<SaveOutcome> {
  // A change made before the validator had loaded is validated first: only valid workflows are sent.
  await store.getState().checkNow();
  const state = store.getState();
  const blocked = saveBlockedReason(state);
  if (blocked !== null) return { ok: false, message: blocked };
  const workflow = state.workflow;
  const graphAtSave = state.graph;
  try {
    // Saved over the version this editor loaded (If-Match): a save made elsewhere meanwhile is
    // reported as a conflict instead of being silently overwritten.
    const stored = state.server.id === null ? await api.createWorkflow(workflow) : await api.updateWorkflow(state.server.id, workflow, state.server.version ?? undefined);
    const created = state.server.id === null;
    store.getState().markSaved({ id: stored.id, version: stored.version, active: stored.active });
    // An edit made while the request was in flight is still unsaved.
    if (store.getState().graph !== graphAtSave) store.setState({ dirty: true });
    return { ok: true, id: stored.id, created, warnings: (stored.warnings ?? []).map((w) => w.message) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_workflow') {
      const issues = error.body.details?.issues ?? [];
      return { ok: false, message: `The server refused the workflow: ${issues.map((i) => i.message).join('; ') || error.message}` };
    }
    if (error instanceof ApiError && error.code === 'precondition_failed') {
      const currentVersion = Number(error.body.details?.currentVersion);
      return { ok: false, message: `This workflow was changed elsewhere (version ${currentVersion}). Your changes are kept in this browser.`, conflict: { currentVersion } };
    }
    if (error instanceof ApiError && error.status === 401) return { ok: false, message: 'You are signed out. Your changes are kept in this browser; sign in again, then save.' };
    return { ok: false, message: `Not saved: ${error instanceof Error ? error.message : String(error)}. Your changes are kept in this browser.` };
  }
}
