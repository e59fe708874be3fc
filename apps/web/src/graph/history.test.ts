import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, push, redo, replace, undo } from './history';

describe('history', () => {
  it('undoes and redoes snapshots', () => {
    let h = createHistory(1);
    h = push(h, 2);
    h = push(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(canUndo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe(1);
    h = redo(h);
    expect(h.present).toBe(2);
    expect(canRedo(h)).toBe(true);
  });

  it('a new change clears the redo stack', () => {
    let h = push(push(createHistory('a'), 'b'), 'c');
    h = push(undo(h), 'd');
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('keeps at most the limit and ignores a no-op push', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = push(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
    expect(push(h, h.present)).toBe(h);
  });

  it('replace changes the present without an undo step', () => {
    const h = replace(push(createHistory(1), 2), 3);
    expect(h.past).toEqual([1]);
    expect(undo(h).present).toBe(1);
  });
});
