import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { hasNoLineBreak, strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { emailSendInfo } from './info.js';

export const EMAIL_SEND_DEFAULTS = { maxAttachmentBytes: 10 * 1024 * 1024 } as const;
export const EMAIL_SEND_LIMITS = { recipients: 100, attachments: 20, maxAttachmentBytes: 25 * 1024 * 1024 } as const;

/** One address (`a@b.example` or `Name <a@b.example>`); nodemailer parses it, we only refuse header injection. */
const Address = z
  .string({ error: 'an address is a string' })
  .min(3, 'an address is like name@example.com')
  .max(998, 'an address is at most 998 characters')
  .refine(hasNoLineBreak, 'an address has no line breaks')
  .refine((v) => v.includes('@'), 'an address is like name@example.com');
const Addresses = z.union([Address, z.array(Address).min(1).max(EMAIL_SEND_LIMITS.recipients)], { error: 'an address or a list of addresses' });
/** As authored, an address or the whole list may be a template, checked once evaluated. */
const AuthoredAddress = typed(Address, 'an e-mail address');
const AuthoredAddresses = typed(z.union([AuthoredAddress, z.array(AuthoredAddress).min(1).max(EMAIL_SEND_LIMITS.recipients)]), 'an address or a list of addresses');

const Subject = z.string({ error: 'subject is a string' }).max(998).refine(hasNoLineBreak, 'subject has no line breaks');
const Body = z.string({ error: 'a body is a string' }).max(EMAIL_SEND_LIMITS.maxAttachmentBytes);

const Attachment = strictParams({
  filename: z.string({ error: 'filename is required' }).min(1).max(255).refine(hasNoLineBreak, 'filename has no line breaks'),
  content: z.string({ error: 'content is a string: text, or base64 with encoding "base64"' }),
  encoding: z.enum(['utf8', 'base64']).optional(),
  contentType: z.string().min(3).max(255).refine(hasNoLineBreak, 'contentType has no line breaks').optional(),
});

const MaxAttachmentBytes = z.number().int().min(1).max(EMAIL_SEND_LIMITS.maxAttachmentBytes, `maxAttachmentBytes is at most ${EMAIL_SEND_LIMITS.maxAttachmentBytes}`);

function hasBody(p: { text?: unknown; html?: unknown }, ctx: z.core.$RefinementCtx): void {
  if (p.text === undefined && p.html === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'give text, html or both' });
}

/** `email.send` params as authored (every string may be a template). */
export const EmailSendParams = strictParams({
  to: AuthoredAddresses,
  cc: AuthoredAddresses.optional(),
  bcc: AuthoredAddresses.optional(),
  from: AuthoredAddress.optional(),
  replyTo: AuthoredAddress.optional(),
  subject: Subject,
  text: Body.optional(),
  html: Body.optional(),
  attachments: typed(z.array(Attachment).max(EMAIL_SEND_LIMITS.attachments), 'a list of attachments').optional(),
  maxAttachmentBytes: typed(MaxAttachmentBytes, 'a whole number of bytes').optional(),
}).superRefine(hasBody);

/** After evaluation: attachments must be a list now, the defaults applied. */
export const EmailSendResolvedParams = strictParams({
  to: Addresses,
  cc: Addresses.optional(),
  bcc: Addresses.optional(),
  from: Address.optional(),
  replyTo: Address.optional(),
  subject: Subject,
  text: Body.optional(),
  html: Body.optional(),
  attachments: z.array(Attachment).max(EMAIL_SEND_LIMITS.attachments).optional(),
  maxAttachmentBytes: MaxAttachmentBytes.default(EMAIL_SEND_DEFAULTS.maxAttachmentBytes),
}).superRefine(hasBody);
export type ResolvedEmailSendParams = z.output<typeof EmailSendResolvedParams>;

export const emailSendDefinition: NodeDefinition = { ...emailSendInfo, params: EmailSendParams };
