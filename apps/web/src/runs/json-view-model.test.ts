import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, childCount, childPage, cutString, formatSize, jsonKind, nextShown, preview } from './json-view-model';

describe('json view model', () => {
  it('names kinds', () => {
    expect([null, [], {}, 'a', 1, true].map(jsonKind)).toEqual(['null', 'array', 'object', 'string', 'number', 'boolean']);
  });

  it('previews without rendering a long value', () => {
    expect(preview({ a: 1, b: 2 })).toBe('{ 2 keys }');
    expect(preview([1])).toBe('[ 1 item ]');
    expect(preview('short')).toBe('"short"');
    const big = 'x'.repeat(5 * 1024 * 1024);
    const p = preview(big);
    expect(p.length).toBeLessThan(100);
    expect(p).toContain('(5.0 MB)');
  });

  it('pages children: only the shown ones are read', () => {
    const arr = Array.from({ length: 250 }, (_, i) => i);
    const first = childPage(arr, PAGE_SIZE);
    expect(first.entries).toHaveLength(100);
    expect(first.entries[99]).toEqual({ key: '99', value: 99 });
    expect(first.remaining).toBe(150);
    const shown = nextShown(PAGE_SIZE, arr.length);
    expect(shown).toBe(200);
    expect(childPage(arr, nextShown(shown, arr.length)).remaining).toBe(0);
    const obj = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, i]));
    expect(childCount(obj)).toBe(120);
    expect(childPage(obj, PAGE_SIZE)).toMatchObject({ total: 120, remaining: 20 });
  });

  it('cuts strings and says how much is left', () => {
    expect(cutString('abcdef', 4)).toEqual({ text: 'abcd', remaining: 2 });
    expect(cutString('ab', 4)).toEqual({ text: 'ab', remaining: 0 });
  });

  it('formats sizes', () => {
    expect(formatSize(10)).toBe('10 chars');
    expect(formatSize(2048)).toBe('2.0 KB');
  });
});
