import type { ResolvedCredential } from '@switchyard/engine';

/** How a credential shows on a request, and which values must never be recorded. */
export interface AppliedCredential {
  /** Lower-case header names and values to set (they override the params' headers). */
  headers: Record<string, string>;
  /** A query parameter to set, for an API key sent in the query. */
  query: { name: string; value: string } | undefined;
  /** Every secret value the request carries, for redaction. */
  secrets: string[];
}

/** A credential whose secret is at hand: every kind but OAuth2, whose access token is fetched first. */
export type StaticCredential = Exclude<ResolvedCredential, { kind: 'oauth2' }>;

/** An OAuth2 credential: a source of access tokens, applied as a bearer token once one is had. */
export type OAuth2Credential = Extract<ResolvedCredential, { kind: 'oauth2' }>;

/** Applies a credential to an outgoing request, or says why it cannot be (an HMAC secret signs webhooks). */
export function applyCredential(credential: StaticCredential): AppliedCredential | { error: string } {
  switch (credential.kind) {
    case 'bearer':
      return { headers: { authorization: `Bearer ${credential.token}` }, query: undefined, secrets: [credential.token] };
    case 'basic': {
      const encoded = Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64');
      return { headers: { authorization: `Basic ${encoded}` }, query: undefined, secrets: [credential.password, encoded] };
    }
    case 'apiKey':
      return credential.in === 'header'
        ? { headers: { [credential.name.toLowerCase()]: credential.value }, query: undefined, secrets: [credential.value] }
        : { headers: {}, query: { name: credential.name, value: credential.value }, secrets: [credential.value] };
    case 'hmac':
      return {
        error: `credential ${credential.id} is an HMAC secret: it verifies webhook signatures and cannot authenticate an http.request`,
      };
    case 'connection':
      return { error: `credential ${credential.id} is a database connection: it is used by sql nodes and cannot authenticate an http.request` };
    case 'smtp':
      return { error: `credential ${credential.id} is an SMTP login: it is used by email.send nodes and cannot authenticate an http.request` };
  }
}
