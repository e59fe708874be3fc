import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** What the editor shows of `email.send`: no zod here (its params schema is in definition.ts). */
export const emailSendInfo: NodeCatalogEntry = {
  type: 'email.send',
  title: 'Send e-mail',
  description: 'Sends an e-mail through an SMTP credential, with attachments from earlier nodes.',
  group: 'integration',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  summary: (p) => shorten(`mail ${textOf(p.subject) ?? ''}`.trim()),
  starterParams: { to: 'someone@example.com', subject: 'Hello', text: 'Hello from Switchyard' },
  docs: {
    params:
      '`to`, `cc`, `bcc` (an address or a list), `from` (default: the credential\'s user), `replyTo`, `subject`, `text`, `html` (at least one of the two), `attachments` `[{filename, content, encoding: "utf8" or "base64", contentType}]` (at most `maxAttachmentBytes`, default 10 MiB); the node\'s `credential` is an `smtp` credential',
    output: '`{ messageId, accepted, rejected, response }`',
    retrySafe: 'only when `policy.idempotencyKey` is set (then it is the Message-ID, so receivers can drop a repeat)',
  },
};
