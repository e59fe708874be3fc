import type { EditorState } from './editorStore';

/**
 * Selectors live at module level (STYLE.md 7): stable identities, and each returns a value the
 * store already holds, so components re-render only when that value changes.
 */
export const selectGraph = (s: EditorState) => s.graph;
export const selectMeta = (s: EditorState) => s.graph.meta;
export const selectName = (s: EditorState) => s.graph.meta.name;
export const selectSelection = (s: EditorState) => s.selection;
export const selectProblems = (s: EditorState) => s.problems;
export const selectValidation = (s: EditorState) => s.validation;
export const selectDirty = (s: EditorState) => s.dirty;
export const selectServer = (s: EditorState) => s.server;
export const selectRestoredDraft = (s: EditorState) => s.restoredDraft;
export const selectCanUndo = (s: EditorState) => s.history.past.length > 0;
export const selectCanRedo = (s: EditorState) => s.history.future.length > 0;
