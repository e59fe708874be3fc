import { describe, expect, it } from 'vitest';
import { isTemplate, parseTemplate, TemplateSyntaxError, type Template } from './index.js';

function syntaxError(text: string): TemplateSyntaxError {
  try {
    parseTemplate(text);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseTemplate: the delimiter vectors of the spec', () => {
  it.each<[string, Template]>([
    // The segment ends at the first `}}` at which the text parses; pairs may overlap in `}}}`.
    ["{{{'a':1}}}", { kind: 'single', source: "{'a':1}" }],
    ["{{ {'a': {'b': 1}} }}", { kind: 'single', source: " {'a': {'b': 1}} " }],
    ["{{ 'x}}y' }}", { kind: 'single', source: " 'x}}y' " }],
    // `\{{` is a literal `{{`.
    ['\\{{', { kind: 'literal', text: '{{' }],
    ['\\{{ not a segment }}', { kind: 'literal', text: '{{ not a segment }}' }],
  ])('%s', (text, expected) => {
    expect(parseTemplate(text)).toEqual(expected);
  });

  it('an opening {{ with no end is a TemplateSyntaxError at its offset', () => {
    const error = syntaxError('abc {{ body.id');
    expect(error.offset).toBe(4);
    expect(error.message).toMatch(/unclosed "\{\{" at offset 4/);
  });
});

describe('parseTemplate: more delimiter cases', () => {
  it.each<[string, Template]>([
    ['', { kind: 'literal', text: '' }],
    ['plain text', { kind: 'literal', text: 'plain text' }],
    ['{ single brace } and }} alone', { kind: 'literal', text: '{ single brace } and }} alone' }],
    ['{{x}}', { kind: 'single', source: 'x' }],
    ['  {{ body.id }}\n\t', { kind: 'single', source: ' body.id ' }],
    ['id={{ body.id }}', { kind: 'interpolated', parts: ['id=', { source: ' body.id ' }] }],
    ['{{ a }}{{ b }}', { kind: 'interpolated', parts: [{ source: ' a ' }, { source: ' b ' }] }],
    ['{{ a }} {{ b }}', { kind: 'interpolated', parts: [{ source: ' a ' }, ' ', { source: ' b ' }] }],
    ['\\{{ {{ x }}', { kind: 'interpolated', parts: ['{{ ', { source: ' x ' }] }],
    ['{{ x }}\\{{', { kind: 'interpolated', parts: [{ source: ' x ' }, '{{'] }],
    ['\\{{{{ x }}', { kind: 'interpolated', parts: ['{{', { source: ' x ' }] }],
    // A backslash escapes only `{{`; `\\{{` is a backslash and an escaped `{{`.
    ['a\\b', { kind: 'literal', text: 'a\\b' }],
    ['\\\\{{', { kind: 'literal', text: '\\{{' }],
    // `\{{{` is an escaped `{{` then a brace, not an opening.
    ['\\{{{ x }}', { kind: 'literal', text: '{{{ x }}' }],
    // The first `}}` that closes a valid expression wins; the rest is text.
    ["{{ 'a' }}}", { kind: 'interpolated', parts: [{ source: " 'a' " }, '}'] }],
    ['{{ a }} b }}', { kind: 'interpolated', parts: [{ source: ' a ' }, ' b }}'] }],
    ['{{ [1, 2] }}', { kind: 'single', source: ' [1, 2] ' }],
    ['{{ {"k": "}}"} }}', { kind: 'single', source: ' {"k": "}}"} ' }],
    ['{{ /* }} */ 1 }}', { kind: 'single', source: ' /* }} */ 1 ' }],
    // A `{{` inside a segment belongs to the expression.
    ['{{ {"a": {"b": "{{"}} }}', { kind: 'single', source: ' {"a": {"b": "{{"}} ' }],
    ['x {{ $a }} y {{ $b }} z', { kind: 'interpolated', parts: ['x ', { source: ' $a ' }, ' y ', { source: ' $b ' }, ' z'] }],
    ['héllo {{ "wörld" }} ✓', { kind: 'interpolated', parts: ['héllo ', { source: ' "wörld" ' }, ' ✓'] }],
  ])('%j', (text, expected) => {
    expect(parseTemplate(text)).toEqual(expected);
  });

  it('an empty segment {{}} does not parse as JSONata, so it is an error', () => {
    expect(syntaxError('{{}}').message).toMatch(/empty expression "\{\{\}\}" at offset 0/);
    expect(syntaxError('a {{   }} b').offset).toBe(2);
    expect(syntaxError('{{}}}').message).toMatch(/empty expression/);
  });

  it('an opening whose every closing candidate is invalid reports the JSONata error up to the first }}', () => {
    const error = syntaxError('x {{ a b }} y');
    expect(error.message).toMatch(/invalid expression in the "\{\{" at offset 2/);
    expect(error.message).toMatch(/first "\}\}" \(offset 9\)/);
    expect(error.message).toMatch(/Syntax error: "b"/);
    // Where JSONata found the problem: the token `b`.
    expect(error.offset).toBe(7);
  });

  it('a string literal left open is not closed by a later }}', () => {
    expect(syntaxError("{{ 'open }}").message).toMatch(/String literal must be terminated/);
  });

  it('a third brace right after an opening belongs to the expression, so {{{ x }} does not parse', () => {
    expect(syntaxError('{{{ x }}')).toBeInstanceOf(TemplateSyntaxError);
  });

  it('a later unclosed opening fails even after a good segment', () => {
    const error = syntaxError('{{ a }} and {{ b');
    expect(error.offset).toBe(12);
  });

  it('an expression nested too deeply to parse is a syntax error, not a crash', () => {
    const deep = `{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`;
    expect(syntaxError(deep).message).toMatch(/nested too deeply|invalid expression/);
  });

  it('TemplateSyntaxError is an Error with a name', () => {
    const error = syntaxError('{{');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TemplateSyntaxError');
  });
});

describe('parseTemplate: caching', () => {
  it('returns the same frozen template for the same text', () => {
    const a = parseTemplate('cached {{ $x }} text');
    const b = parseTemplate('cached {{ $x }} text');
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if (a.kind !== 'interpolated') throw new Error('expected interpolated');
    expect(Object.isFrozen(a.parts)).toBe(true);
    expect(Object.isFrozen(a.parts[1])).toBe(true);
  });

  it('remembers a syntax error but throws a fresh one each time', () => {
    const first = syntaxError('cached {{ broken');
    const second = syntaxError('cached {{ broken');
    expect(second).not.toBe(first);
    expect(second.message).toBe(first.message);
    expect(second.offset).toBe(first.offset);
  });

  it('parses many distinct templates without unbounded growth or errors', () => {
    for (let i = 0; i < 12_000; i++) expect(parseTemplate(`n{{ ${i} }}`).kind).toBe('interpolated');
    expect(parseTemplate('n{{ 5 }}')).toEqual({ kind: 'interpolated', parts: ['n', { source: ' 5 ' }] });
  });
});

describe('isTemplate', () => {
  it.each<[string, boolean]>([
    ['', false],
    ['plain', false],
    ['{ x }', false],
    ['}} {{', true],
    ['{{ x }}', true],
    ['a {{x}} b', true],
    ['\\{{ x }}', false],
    ['\\{{{ x }}', false],
    ['\\{{ {{ x }}', true],
    // Unclosed or invalid: still a template (one that parseTemplate rejects).
    ['{{ x', true],
    ['{{}}', true],
  ])('%j -> %s', (text, expected) => {
    expect(isTemplate(text)).toBe(expected);
  });
});
