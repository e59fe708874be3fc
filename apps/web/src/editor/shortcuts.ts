export type ShortcutAction = 'delete' | 'undo' | 'redo' | 'copy' | 'paste' | 'save' | 'fitView';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The editor's keyboard map. `inField`: focus is in a text input, where the browser's own
 * Delete/undo/copy must keep working, so only Ctrl+S is taken there.
 */
export function shortcutFor(event: KeyLike, inField: boolean): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 's') return 'save';
  if (inField || event.altKey) return null;
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'v') return 'paste';
  if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) return 'delete';
  if (!mod && key === 'f' && !event.shiftKey) return 'fitView';
  return null;
}

export function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
}
