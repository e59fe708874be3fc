import { describe, expect, it } from 'vitest';
import { applyCompletion, completionsAt, expressionStartAt } from './completion';

const ids = ['reserve_stock', 'charge', 'charge_backup', 'ship'];
const at = (text: string, nodeIds = ids) => completionsAt(text, text.length, nodeIds);

describe('expression completion', () => {
  it('offers node ids after $nodes., filtered by what is typed', () => {
    expect(at('{{ $nodes.')?.items.map((i) => i.label)).toEqual(ids);
    expect(at('{{ $nodes.ch')?.items.map((i) => i.label)).toEqual(['charge', 'charge_backup']);
    expect(at('{{ $nodes.zz')).toBeNull();
  });

  it('offers bindings first, then built-in functions, after $', () => {
    const labels = at('{{ $')?.items.map((i) => i.label) ?? [];
    expect(labels.slice(0, 3)).toEqual(['$input', '$trigger', '$nodes']);
    expect(at('{{ $tr')?.items.map((i) => i.label)).toEqual(['$trigger', '$trim()']);
    expect(at('{{ $upper')?.items).toEqual([{ label: '$uppercase()', insert: '$uppercase(', detail: 'function' }]);
  });

  it('offers nothing in literal text, after a closed expression, or when the word is complete', () => {
    expect(at('price in $nodes.')).toBeNull();
    expect(at('{{ $input }} and $nodes.')).toBeNull();
    expect(at('{{ $nodes.ship')).toBeNull();
    expect(at('\\{{ $nodes.')).toBeNull();
  });

  it('knows whether the caret is inside an expression', () => {
    const text = 'a {{ x }} b {{ y';
    expect(expressionStartAt(text, 1)).toBe(-1);
    expect(expressionStartAt(text, 5)).toBe(4);
    expect(expressionStartAt(text, 10)).toBe(-1);
    expect(expressionStartAt(text, text.length)).toBe(14);
  });

  it('replaces the whole word around the caret and puts the caret after the insertion', () => {
    const text = '{{ $nodes.chxx.amount }}';
    const caret = text.indexOf('xx');
    const list = completionsAt(text, caret, ids)!;
    expect(list.items.map((i) => i.label)).toEqual(['charge', 'charge_backup']);
    expect(applyCompletion(text, list, list.items[1]!)).toEqual({ text: '{{ $nodes.charge_backup.amount }}', caret: '{{ $nodes.charge_backup'.length });
  });
});
