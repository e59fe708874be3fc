import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import type { NodeDefinition } from '@switchyard/schema';
import { fieldsForDefinition } from '../checks/paramFields';
import { parseJsonText, parseMixedText, parseText, withParam } from './schemaFields';

const def = (type: string): NodeDefinition => {
  const d = nodeDefinitions.get(type);
  if (!d) throw new Error(type);
  return d;
};
const field = (type: string, name: string) => {
  const f = fieldsForDefinition(def(type)).find((x) => x.name === name);
  if (!f) throw new Error(`${type}.${name}`);
  return f;
};

describe('fields from a param schema', () => {
  it('maps http.request params to fitting inputs', () => {
    expect(field('http.request', 'url').kind).toBe('text');
    expect(field('http.request', 'method')).toMatchObject({ kind: 'text' });
    expect(field('http.request', 'method').options).toContain('POST');
    expect(field('http.request', 'body').kind).toBe('json');
    expect(field('http.request', 'body').accepts.has('string')).toBe(true);
    expect(field('transform', 'expression')).toMatchObject({ kind: 'json' });
    expect(field('http.request', 'headers').kind).toBe('json');
    expect(field('http.request', 'maxResponseBytes').accepts.has('integer')).toBe(true);
  });

  it('uses a select for a plain enum, variants for unions of objects told apart by kind, json for other unions', () => {
    expect(field('trigger.webhook', 'mode')).toMatchObject({ kind: 'select', options: ['async', 'sync'] });
    const auth = field('trigger.webhook', 'auth');
    expect(auth.kind).toBe('variant');
    expect(auth.options).toContain('standard-webhooks');
    expect(auth.variants?.find((v) => v.kind === 'stripe')?.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['credential', 'text', true],
      ['toleranceSec', 'number', false],
      ['previous', 'json', false],
    ]);
    expect(field('trigger.webhook', 'idempotency').kind).toBe('json');
    expect(field('trigger.webhook', 'timeoutMs').kind).toBe('number');
    expect(field('trigger.schedule', 'cron').required).toBe(true);
  });

  it('gives sql and email.send forms from their params schemas', () => {
    expect(fieldsForDefinition(def('sql')).map((f) => [f.name, f.kind])).toEqual([
      ['query', 'text'],
      ['params', 'json'],
      ['statements', 'json'],
      ['transaction', 'text'],
      ['timeoutMs', 'text'],
      ['maxRows', 'text'],
    ]);
    // Typed params take a value or a template: a text field that reads back what the schema accepts.
    expect(field('sql', 'transaction').accepts.has('boolean')).toBe(true);
    expect(field('sql', 'timeoutMs').accepts.has('integer')).toBe(true);
    expect(field('email.send', 'to').required).toBe(true);
    expect(field('email.send', 'subject')).toMatchObject({ kind: 'text', required: true });
    expect(field('email.send', 'html').kind).toBe('text');
    expect(field('email.send', 'attachments').kind).toBe('json');
    expect(field('email.send', 'maxAttachmentBytes').accepts.has('integer')).toBe(true);
  });

  it('every node type yields fields without throwing', () => {
    for (const d of nodeDefinitions.values()) expect(() => fieldsForDefinition(d)).not.toThrow();
  });
});

describe('reading text back', () => {
  it('coerces by what the schema accepts', () => {
    const status = field('respond', 'status');
    expect(parseText(status, '201')).toBe(201);
    expect(parseText(status, '{{ $input.code }}')).toBe('{{ $input.code }}');
    expect(parseText(status, '')).toBeUndefined();
    const condition = field('branch', 'condition');
    expect(parseText(condition, 'true')).toBe(true);
    expect(parseText(field('http.request', 'url'), '123')).toBe('123');
  });

  it('parses JSON text with a message on error', () => {
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('{').ok).toBe(false);
    expect(withParam({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(parseMixedText('{{ $input }}')).toEqual({ ok: true, value: '{{ $input }}' });
    expect(parseMixedText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseMixedText('plain text')).toEqual({ ok: true, value: 'plain text' });
    expect(parseMixedText('{"a": ').ok).toBe(false);
  });
});
