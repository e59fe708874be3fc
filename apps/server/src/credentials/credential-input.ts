import { z } from 'zod';

export const CREDENTIAL_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

const secret = z.string().min(1).max(16_384);

/** An http(s) URL without user info: where an OAuth2 client asks for tokens. */
function isTokenUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
const tokenUrl = z.string().max(2_048).refine(isTokenUrl, 'tokenUrl is an http or https URL without user info');
const common = {
  id: z.string().regex(CREDENTIAL_ID_PATTERN, 'an id is lower-case letters, digits and _, starting with a letter (at most 64)'),
  name: z.string().min(1).max(200),
  /** A workflow started when repeated auth failures lock the credential (semantics.md "Credentials"). */
  recoveryWorkflowId: z.string().min(1).max(128).nullable().optional(),
};

/** Credential bodies of http-api.md: flat, `{ id, name, kind, ...fields }`. */
export const CredentialInput = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('bearer'), token: secret }),
  z.strictObject({ ...common, kind: z.literal('basic'), username: z.string().min(1).max(1_024), password: secret }),
  z.strictObject({
    ...common,
    kind: z.literal('apiKey'),
    in: z.enum(['header', 'query']),
    name: z.string().min(1).max(200),
    value: secret,
  }),
  z.strictObject({ ...common, kind: z.literal('hmac'), secret }),
  z.strictObject({
    ...common,
    kind: z.literal('oauth2'),
    tokenUrl,
    clientId: z.string().min(1).max(1_024),
    clientSecret: secret,
    // Space-separated scopes (RFC 6749 §3.3), sent as they are.
    scope: z.string().min(1).max(2_048).optional(),
    // With it the refresh-token grant is used; without, client credentials.
    refreshToken: secret.optional(),
  }),
  // A database connection string (sql node): postgres://, postgresql://, mysql://, mariadb:// or sqlite:<path>.
  z.strictObject({
    ...common,
    kind: z.literal('connection'),
    connectionString: secret.refine(
      (v) => /^(postgres|postgresql|mysql|mariadb|sqlite):/i.test(v),
      'connectionString starts with postgres://, postgresql://, mysql://, mariadb:// or sqlite:',
    ),
  }),
  // An SMTP relay (email.send); secure: TLS from the first byte (port 465), else STARTTLS when offered.
  z.strictObject({
    ...common,
    kind: z.literal('smtp'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
    secure: z.boolean().default(false),
    user: z.string().min(1).max(1_024),
    password: secret,
  }),
]);
export type CredentialInput = z.infer<typeof CredentialInput>;

/**
 * apiKey's `name` is the header or query parameter name, so that kind has no separate display
 * name field; the spec's flat body makes both fields share one key. The display name is the
 * parameter name then.
 */
export function secretFields(input: CredentialInput): Record<string, string> {
  switch (input.kind) {
    case 'bearer':
      return { token: input.token };
    case 'basic':
      return { username: input.username, password: input.password };
    case 'apiKey':
      return { in: input.in, name: input.name, value: input.value };
    case 'hmac':
      return { secret: input.secret };
    case 'oauth2':
      return {
        tokenUrl: input.tokenUrl,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        ...(input.scope === undefined ? {} : { scope: input.scope }),
        ...(input.refreshToken === undefined ? {} : { refreshToken: input.refreshToken }),
      };
    case 'connection':
      return { connectionString: input.connectionString };
    case 'smtp':
      return { host: input.host, port: String(input.port), secure: String(input.secure), user: input.user, password: input.password };
  }
}
