/**
 * Turns a node type's param schema (via its JSON Schema export, checks/paramFields.ts) into form
 * fields. The form is generated, never hand-written per type, so a new node type gets an editor
 * for free. No zod here: the inspector loads it with the editor.
 */

export type FieldKind = 'text' | 'number' | 'select' | 'boolean' | 'json' | 'variant' | 'code';

/** One shape of an object param that is one of several, told apart by its `kind`. */
export interface Variant {
  kind: string;
  fields: FieldSpec[];
}

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** Enum values: the choices of a select, or suggestions of a text field that also takes a template. */
  options: string[];
  /** Primitive JSON types a text field may hold; decides how typed text is read back. */
  accepts: Set<'string' | 'number' | 'integer' | 'boolean'>;
  description?: string;
  /** For a `variant` field: its shapes by `kind` (a webhook's auth presets), each with its own fields. */
  variants?: Variant[];
}

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  /** `text/javascript`: the string is source code (a code editor, not a text box). */
  contentMediaType?: string;
  $defs?: Record<string, JsonSchema>;
};

function primitiveTypes(schema: JsonSchema, defs: Record<string, JsonSchema>): { types: Set<string>; options: string[]; complex: boolean } {
  const types = new Set<string>();
  const options: string[] = [];
  let complex = false;
  const seen = new Set<JsonSchema>();
  const visit = (s: JsonSchema): void => {
    // Recursive schemas (any JSON value) refer to themselves: visit each schema once.
    if (seen.has(s)) return;
    seen.add(s);
    if (s.$ref !== undefined) {
      complex = true;
      const target = defs[s.$ref.replace(/^#\/\$defs\//, '')];
      if (target) visit(target);
      return;
    }
    if (s.oneOf !== undefined) complex = true;
    if (s.anyOf) s.anyOf.forEach(visit);
    if (s.enum) for (const v of s.enum) if (typeof v === 'string') options.push(v);
    const t = s.type;
    for (const type of Array.isArray(t) ? t : t === undefined ? [] : [t]) {
      if (type === 'object' || type === 'array' || type === 'null') complex = true;
      else types.add(type);
    }
    if (t === undefined && s.anyOf === undefined && s.enum === undefined && s.const === undefined) complex = true;
  };
  visit(schema);
  return { types, options, complex };
}

/**
 * The shapes of a `oneOf` of objects each fixing `kind` to a constant (a discriminated union),
 * or undefined for any other schema.
 */
function variantsOf(schema: JsonSchema): Variant[] | undefined {
  const options = schema.oneOf ?? schema.anyOf;
  if (options === undefined || options.length === 0) return undefined;
  const variants: Variant[] = [];
  for (const option of options) {
    const kind = option.properties?.['kind']?.const;
    if (option.type !== 'object' || typeof kind !== 'string') return undefined;
    const required = new Set(option.required ?? []);
    const fields = Object.entries(option.properties ?? {})
      .filter(([n]) => n !== 'kind')
      .map(([n, s]) => fieldFromSchema(n, s, required.has(n)));
    variants.push({ kind, fields });
  }
  return variants;
}

export function fieldFromSchema(name: string, schema: JsonSchema, required: boolean, defs: Record<string, JsonSchema> = {}): FieldSpec {
  const { types, options, complex } = primitiveTypes(schema, defs);
  const accepts = new Set([...types].filter((t): t is 'string' | 'number' | 'integer' | 'boolean' => ['string', 'number', 'integer', 'boolean'].includes(t)));
  const base = { name, required, options, accepts, ...(schema.description ? { description: schema.description } : {}) };
  if (schema.type === 'string' && schema.contentMediaType === 'text/javascript') return { ...base, kind: 'code' };
  const variants = variantsOf(schema);
  if (variants !== undefined) return { ...base, kind: 'variant', variants, options: variants.map((v) => v.kind) };
  if (complex) return { ...base, kind: 'json' };
  // A plain enum (no free string branch) is a select; an enum that also takes a template is a text field with suggestions.
  const freeString = (schema.anyOf ?? [schema]).some((s) => s.type === 'string' && s.enum === undefined);
  if (options.length > 0 && !freeString) return { ...base, kind: 'select' };
  if (accepts.size === 1 && accepts.has('boolean')) return { ...base, kind: 'boolean' };
  if (!accepts.has('string') && (accepts.has('number') || accepts.has('integer'))) return { ...base, kind: 'number' };
  return { ...base, kind: 'text' };
}

/** What a text input shows for a value. */
export function displayValue(field: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * Reads typed text back into a param value: `''` removes the key (`undefined`), numbers become
 * numbers where the schema takes one, `true`/`false` become booleans where it takes one, and
 * everything else stays a string (a template is checked after evaluation).
 */
export function parseText(field: FieldSpec, text: string): unknown {
  if (text.trim() === '') return undefined;
  if ((field.accepts.has('number') || field.accepts.has('integer')) && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  if (field.accepts.has('boolean') && (text.trim() === 'true' || text.trim() === 'false')) return text.trim() === 'true';
  return text;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * For a param that takes a string or any JSON (a body, a transform): text that starts like a JSON
 * object or array (not a `{{` template) or is a JSON literal is JSON; anything else is a string.
 */
export function parseMixedText(text: string): JsonParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const looksJson = (/^[[{]/.test(t) && !t.startsWith('{{')) || /^(-?\d+(\.\d+)?|true|false|null)$/.test(t);
  return looksJson ? parseJsonText(t) : { ok: true, value: text };
}

export function mixedDisplay(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function parseJsonText(text: string): JsonParse {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not valid JSON' };
  }
}

/** Returns params with one key set, or removed when `value` is undefined. */
export function withParam(params: Record<string, unknown> | undefined, name: string, value: unknown): Record<string, unknown> {
  const next = { ...(params ?? {}) };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}
