import { z } from '@switchyard/schema';

/**
 * A params object that rejects unknown fields with a message naming them: a typo must not
 * silently drop a setting (workflow-format.md).
 */
export function strictParams<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : undefined,
  });
}

/** An error map that says "<what> is required" for a missing value and keeps zod's message otherwise. */
export function requiredError(what: string) {
  return (issue: { input?: unknown }): string | undefined => (issue.input === undefined ? `${what} is required` : undefined);
}

const HEADER_NAME_RULE = "a header name is 1 to 256 letters, digits or !#$%&'*+.^_`|~-";

/** An HTTP header name (an RFC 9110 token). */
export const headerName = z.string({ error: requiredError('a header name') }).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, HEADER_NAME_RULE);

/** A record keyed by header names, saying what is wrong with a bad name. */
export function headerRecord<V extends z.ZodType>(value: V) {
  return z.record(headerName, value, {
    error: (issue) => (issue.code === 'invalid_key' ? HEADER_NAME_RULE : issue.code === 'invalid_type' ? 'headers is an object of header names and values' : undefined),
  });
}

/** The id of a stored credential. */
export const credentialRef = z
  .string({ error: requiredError('credential') })
  .min(1, 'credential is the id of a stored credential')
  .max(128, 'a credential id is at most 128 characters');

/** No CR, LF or NUL: a header value must not smuggle a second header. */
export function hasNoLineBreak(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}

/** A JSON value: bodies and other free-form params. */
export const jsonValue = z.json();
