import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps the editor keys', () => {
    expect(shortcutFor(key('Delete'), false)).toBe('delete');
    expect(shortcutFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('y', { metaKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('c', { ctrlKey: true }), false)).toBe('copy');
    expect(shortcutFor(key('v', { ctrlKey: true }), false)).toBe('paste');
    expect(shortcutFor(key('f'), false)).toBe('fitView');
    expect(shortcutFor(key('x'), false)).toBeNull();
  });

  it('leaves text fields alone except for save', () => {
    expect(shortcutFor(key('Delete'), true)).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('f'), true)).toBeNull();
    expect(shortcutFor(key('s', { ctrlKey: true }), true)).toBe('save');
  });
});
