import { useEffect } from 'react';
import type { EditorStore } from '../store/editorStore';
import { isTextField, shortcutFor } from './shortcuts';

/** Wires the keyboard map to the store; the map itself is pure (shortcuts.ts). */
export function useEditorShortcuts(store: EditorStore, actions: { save: () => void; fitView: () => void }): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutFor(event, isTextField(event.target));
      if (action === null) return;
      event.preventDefault();
      const s = store.getState();
      switch (action) {
        case 'delete':
          return s.deleteSelection();
        case 'undo':
          return s.undo();
        case 'redo':
          return s.redo();
        case 'copy':
          return s.copy();
        case 'paste':
          return s.paste();
        case 'save':
          return actions.save();
        case 'fitView':
          return actions.fitView();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, actions]);
}

/** The browser asks before closing the tab while there are unsaved changes (they are also kept as a draft). */
export function useWarnBeforeLeaving(store: EditorStore): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!store.getState().dirty) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);
}
