import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompileFailure } from './compile-failure.js';
import { compileExpression } from './compile.js';
import { scanTemplate, type ScanOptions, type SegmentProblem } from './delimiters.js';
import { TemplateSyntaxError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';

function check(source: string): SegmentProblem | undefined {
  const result = compileExpression(source, DEFAULT_LIMITS.maxSequenceLength);
  if (!(result instanceof CompileFailure)) return undefined;
  return { message: result.message, position: result.position, conclusive: result.conclusive, terminators: result.terminators };
}

function outcome(text: string, options: ScanOptions): unknown {
  try {
    return scanTemplate(text, check, options);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { error: error.message, offset: error.offset };
    throw error;
  }
}

// Pieces that make JSONata tokens, strings, comments and the delimiters collide.
const PIECES = [
  '{{', '}}', '}}}', '{', '}', "'", '"', '`', 'a', ' ', '/*', '*/', '/', '*', '(', ')', '[', ']', ':', '1', ',', '.', '&', '$',
  '\\', 'x y', ':=', '{"a":', '"}}"', 'function($x){', '$x}', '?', '|',
];

describe('scanTemplate', () => {
  it('the shortcuts past failed candidates never change the outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(outcome(text, {}), text).toStrictEqual(outcome(text, { exhaustive: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a parser error', '{{ $a b', /Syntax error: "b"/],
    ['an open call', '{{ $a(', /Expected "\)"/],
    ['an open string', "{{ 'abc", /String literal must be terminated/],
    ['an open comment', '{{ /* abc', /Comment has no closing tag/],
    ['an open quoted name', '{{ `abc', /Quoted property name must be terminated/],
    ['an open regex', '{{ $match(a, /abc', /No terminating \/ in regular expression/],
  ])('an opening with %s followed by 50,000 }} is rejected without a parse per }}', (_, head, message) => {
    const text = `${head}${' }} x'.repeat(50_000)}`;
    let parses = 0;
    const counted = (source: string): SegmentProblem | undefined => {
      parses += 1;
      return check(source);
    };
    expect(() => scanTemplate(text, counted)).toThrow(message);
    expect(parses).toBeLessThan(100);
  });

  it('deeply nested constructors whose candidates all fail cost no parse per }}', () => {
    const text = `{{ ${'{"a":'.repeat(20_000)}1${'}}'.repeat(9_999)}`;
    let parses = 0;
    const counted = (source: string): SegmentProblem | undefined => {
      parses += 1;
      return check(source);
    };
    expect(() => scanTemplate(text, counted)).toThrow(TemplateSyntaxError);
    expect(parses).toBeLessThan(100);
  });

  it('finds the closing }} of a deeply nested constructor', () => {
    const depth = 300;
    const text = `{{ ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)} }} tail`;
    const template = scanTemplate(text, check);
    expect(template.kind).toBe('interpolated');
  });

  it('keeps searching past errors that a later }} can still fix', () => {
    for (const text of [
      "{{ 'x}}y' }}",
      '{{ /* }} */ 1 }}',
      '{{ "a}}b" & `c}}d` }}',
      '{{ {"a": {"b": 1}} }}',
      '{{ $contains("a}}b", "}}") }}',
      "{{ 'a}}b}}c}}d' & \"}}\" }}",
      '{{ $replace("x", /x/, "}}") }}',
      '{{ `a}}b}}` }}',
    ]) {
      expect(scanTemplate(text, check).kind, text).toBe('single');
    }
  });
});
