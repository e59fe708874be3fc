import { z } from '@switchyard/schema';
import { credentialRef, headerName, requiredError, strictParams } from '../shared/params.js';

/**
 * The `auth` of `trigger.webhook`: how a delivery proves it comes from its sender. Besides a
 * plain header token and Switchyard's own `hmac-sha256`, each named preset follows one sender's
 * documented signing scheme exactly, so a user picks the sender and its secret and nothing else;
 * `hmac` describes an unlisted sender's scheme without code.
 */

export const WEBHOOK_AUTH_KINDS = [
  'none',
  'header',
  'hmac-sha256',
  'hmac',
  'github',
  'stripe',
  'shopify',
  'slack',
  'standard-webhooks',
  'twilio',
  'meta',
  'microsoft-graph',
] as const;
export type WebhookAuthKind = (typeof WEBHOOK_AUTH_KINDS)[number];

/** Where a sender's scheme has a timestamp, how far from the server's clock it may be (default 300). */
const toleranceSec = z
  .number()
  .int('toleranceSec is a whole number')
  .min(1, 'toleranceSec is at least 1')
  .max(86_400, 'toleranceSec is at most 86400 (a day)')
  .optional();

/**
 * Secret rotation: the previous secret is still accepted until `until`, so deliveries signed
 * with it (queued at the sender, or from a sender not switched yet) are not dropped meanwhile.
 */
const previousSecret = strictParams({
  credential: credentialRef,
  until: z.iso.datetime({
    offset: true,
    error: (issue) => (issue.input === undefined ? 'previous.until is required' : 'previous.until is an ISO 8601 date-time, e.g. "2026-01-31T00:00:00Z"'),
  }),
}).optional();

export const HMAC_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export const HMAC_ENCODINGS = ['hex', 'base64'] as const;

/** Placeholders of the generic `hmac` signed-string template. */
export const SIGNED_STRING_FIELDS = ['body', 'timestamp', 'id'] as const;

const signedString = z
  .string()
  .min(1, 'signedString is empty')
  .max(500, 'signedString is at most 500 characters')
  .refine((s) => s.includes('{body}'), 'signedString must contain {body}: a signature that does not cover the body proves nothing about it')
  .refine((s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (SIGNED_STRING_FIELDS as readonly string[]).includes(m[1] ?? '')), 'signedString knows {body}, {timestamp} and {id}');

const genericHmac = strictParams({
  kind: z.literal('hmac'),
  credential: credentialRef,
  header: headerName,
  algorithm: z.enum(HMAC_ALGORITHMS, { error: 'algorithm is "sha1", "sha256" or "sha512"' }),
  encoding: z.enum(HMAC_ENCODINGS, { error: 'encoding is "hex" or "base64"' }),
  /** What is signed, e.g. "{timestamp}.{body}"; the raw body by default. */
  signedString: signedString.optional(),
  /** Text before the signature in the header, e.g. "sha256=" or "v1=". */
  prefix: z.string().max(64, 'prefix is at most 64 characters').optional(),
  timestampHeader: headerName.optional(),
  toleranceSec,
  /** A header naming each delivery uniquely: a delivery id seen again is answered as a duplicate. */
  idHeader: headerName.optional(),
  previous: previousSecret,
}).superRefine((auth, ctx) => {
  const template = auth.signedString ?? '{body}';
  if (template.includes('{timestamp}') && auth.timestampHeader === undefined) {
    ctx.addIssue({ code: 'custom', path: ['timestampHeader'], message: 'signedString uses {timestamp}: timestampHeader is required' });
  }
  if (template.includes('{id}') && auth.idHeader === undefined) {
    ctx.addIssue({ code: 'custom', path: ['idHeader'], message: 'signedString uses {id}: idHeader is required' });
  }
  if (auth.toleranceSec !== undefined && auth.timestampHeader === undefined) {
    ctx.addIssue({ code: 'custom', path: ['toleranceSec'], message: 'toleranceSec needs a timestampHeader' });
  }
});

export const WebhookAuth = z.discriminatedUnion(
  'kind',
  [
    strictParams({ kind: z.literal('none') }),
    strictParams({ kind: z.literal('header'), header: headerName, credential: credentialRef, previous: previousSecret }),
    strictParams({
      kind: z.literal('hmac-sha256'),
      credential: credentialRef,
      header: headerName,
      timestampHeader: headerName,
      toleranceSec,
      previous: previousSecret,
    }),
    genericHmac,
    /** `X-Hub-Signature-256: sha256=<hex>` over the body; `X-GitHub-Delivery` names the delivery. */
    strictParams({ kind: z.literal('github'), credential: credentialRef, previous: previousSecret }),
    /** `Stripe-Signature: t=<ts>,v1=<hex>[,v1=…]` over `<ts>.<body>`; the event's `id` names it. */
    strictParams({ kind: z.literal('stripe'), credential: credentialRef, toleranceSec, previous: previousSecret }),
    /** `X-Shopify-Hmac-Sha256: <base64>` over the body; `X-Shopify-Event-Id` (or `-Webhook-Id`) names it. */
    strictParams({ kind: z.literal('shopify'), credential: credentialRef, previous: previousSecret }),
    /** `X-Slack-Signature: v0=<hex>` over `v0:<ts>:<body>`, `X-Slack-Request-Timestamp`; answers `url_verification`. */
    strictParams({ kind: z.literal('slack'), credential: credentialRef, toleranceSec, previous: previousSecret }),
    /** `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …` over `<id>.<ts>.<body>`, a `whsec_` key. */
    strictParams({ kind: z.literal('standard-webhooks'), credential: credentialRef, toleranceSec, previous: previousSecret }),
    /** `X-Twilio-Signature: <base64 HMAC-SHA1>` over the URL and the sorted form fields (or `bodySHA256`). */
    strictParams({
      kind: z.literal('twilio'),
      credential: credentialRef,
      /** The webhook's URL exactly as entered in Twilio (it is signed); the server's public URL by default. */
      url: z
        .url({ protocol: /^https?$/, error: 'url is the http or https URL entered in Twilio' })
        .max(2_048, 'url is at most 2048 characters')
        .refine((u) => !u.includes('?') && !u.includes('#'), 'url is without query or fragment (the delivery\'s own query is appended)')
        .optional(),
      previous: previousSecret,
    }),
    /** Meta (Facebook, Instagram, WhatsApp): `X-Hub-Signature-256` with the app secret; answers the `hub.challenge` GET. */
    strictParams({ kind: z.literal('meta'), credential: credentialRef, verifyToken: z.string({ error: requiredError('verifyToken') }).min(1, 'verifyToken is the id of a stored credential').max(128, 'a credential id is at most 128 characters'), previous: previousSecret }),
    /** Microsoft Graph change notifications: every `clientState` must match; answers `validationToken`. */
    strictParams({ kind: z.literal('microsoft-graph'), credential: credentialRef, previous: previousSecret }),
  ],
  { error: `auth.kind is one of ${WEBHOOK_AUTH_KINDS.map((k) => `"${k}"`).join(', ')}` },
);
export type WebhookAuth = z.infer<typeof WebhookAuth>;

/** The kinds whose scheme carries a timestamp, hence a tolerance. */
export function hasTimestamp(auth: WebhookAuth): boolean {
  return auth.kind === 'hmac-sha256' || auth.kind === 'stripe' || auth.kind === 'slack' || auth.kind === 'standard-webhooks' || (auth.kind === 'hmac' && auth.timestampHeader !== undefined);
}
