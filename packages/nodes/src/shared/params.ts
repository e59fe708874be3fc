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

/** An HTTP header name (an RFC 9110 token). */
export const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, 'a header name is 1 to 256 letters, digits or !#$%&\'*+.^_`|~-');

/** No CR, LF or NUL: a header value must not smuggle a second header. */
export function hasNoLineBreak(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}

/** A JSON value: bodies and other free-form params. */
export const jsonValue = z.json();
