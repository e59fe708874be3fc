import type { Json } from '@switchyard/schema';

/** What replaces a secret in recorded requests, responses, outputs and failure messages. */
export const REDACTED = '[redacted]';

/** Header values that are always replaced in recorded requests and responses. */
export const ALWAYS_REDACTED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
]);

/** Shorter forms are not searched in free text (they would garble it); their header or query value is still replaced. */
const MIN_SEARCHED_LENGTH = 4;

/** The forms a secret can take on the wire: raw, URL-encoded, form-encoded, base64. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ]);
  return [...forms];
}

/** `scheme://user:password@host` in any text: the password is replaced, however short it is. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/gi;

/** Replaces the password of every URL in `text` (a URL's userinfo is a credential, whatever its length). */
export function redactUrlPasswords(text: string): string {
  return text.includes('@') ? text.replace(URL_PASSWORD, `$1${REDACTED}@`) : text;
}

export interface Redactor {
  text(value: string): string;
  json(value: Json): Json;
  /** Secret values removed; with `record`, sensitive header values replaced whole too. */
  headers(headers: Record<string, string>, record: boolean): Record<string, string>;
}

/** Redacts the given secrets (and their encodings) and the values of sensitive headers. */
export function createRedactor(secrets: readonly string[], sensitiveHeaders: readonly string[] = []): Redactor {
  const forms = [...new Set(secrets.flatMap(secretForms))]
    .filter((f) => f.length >= MIN_SEARCHED_LENGTH)
    // Longest first, so a secret's base64 form is not half-replaced by a shorter secret.
    .sort((a, b) => b.length - a.length);
  const sensitive = new Set([...ALWAYS_REDACTED_HEADERS, ...sensitiveHeaders.map((h) => h.toLowerCase())]);

  const text = (value: string): string => {
    let out = value;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return redactUrlPasswords(out);
  };
  const json = (value: Json): Json => {
    if (forms.length === 0) return value;
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, Json> = {};
      // defineProperty: a `__proto__` key from a parsed body stays a plain key.
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, text(k), { value: json(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };
  const headers = (input: Record<string, string>, record: boolean): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(input)) {
      out[name] = record && sensitive.has(name.toLowerCase()) ? REDACTED : text(value);
    }
    return out;
  };
  return { text, json, headers };
}
