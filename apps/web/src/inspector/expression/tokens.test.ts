import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findClose, tokenizeTemplate } from './tokens';

const kinds = (text: string): Array<[string, string]> => tokenizeTemplate(text).filter((t) => t.kind !== 'space').map((t) => [t.kind, t.text]);

describe('template highlighting tokens', () => {
  it('marks literal text, braces and the JSONata inside', () => {
    expect(kinds("Order {{ $trigger.body.id & '-' & 2 }}!")).toEqual([
      ['text', 'Order '],
      ['brace', '{{'],
      ['variable', '$trigger'],
      ['operator', '.'],
      ['name', 'body'],
      ['operator', '.'],
      ['name', 'id'],
      ['operator', '&'],
      ['string', "'-'"],
      ['operator', '&'],
      ['number', '2'],
      ['brace', '}}'],
      ['text', '!'],
    ]);
  });

  it('knows keywords, comments and $nodes paths', () => {
    expect(kinds('{{ /* total */ $nodes.charge.amount > 0 and true }}')).toEqual([
      ['brace', '{{'],
      ['comment', '/* total */'],
      ['variable', '$nodes'],
      ['operator', '.'],
      ['name', 'charge'],
      ['operator', '.'],
      ['name', 'amount'],
      ['operator', '>'],
      ['number', '0'],
      ['keyword', 'and'],
      ['keyword', 'true'],
      ['brace', '}}'],
    ]);
  });

  it('closes an expression after its own object constructors and strings, not inside them', () => {
    const text = '{{ {"a": {"b": "}}"}} }} tail';
    expect(findClose(text, 2)).toBe(text.indexOf('}} tail'));
    expect(kinds(text).at(-1)).toEqual(['text', ' tail']);
  });

  it('leaves an escaped \\{{ and an unclosed expression readable', () => {
    expect(kinds('\\{{ not an expression')).toEqual([['text', '\\{{ not an expression']]);
    expect(kinds('{{ $input.')).toEqual([
      ['brace', '{{'],
      ['variable', '$input'],
      ['operator', '.'],
    ]);
  });

  it('never loses or adds a character, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '$', '"', "'", '\\', '/', '*', 'a', '1', ' ', '.', '`', '\n', 'é') }), (text) => {
        expect(tokenizeTemplate(text).map((t) => t.text).join('')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
