import type { ExecutionContext, ExecutionResult, NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import nodemailer from 'nodemailer';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { classifySmtpError } from './classify.js';
import { EmailSendResolvedParams, emailSendDefinition } from './definition.js';
import type { ResolvedEmailSendParams } from './definition.js';

type SmtpCredential = { id: string; host: string; port: number; secure: boolean; user: string; password: string };

function attachmentsOf(p: ResolvedEmailSendParams): { list: { filename: string; content: Buffer; contentType?: string }[]; bytes: number } {
  const list = (p.attachments ?? []).map((a) => ({
    filename: a.filename,
    content: Buffer.from(a.content, a.encoding ?? 'utf8'),
    ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
  }));
  return { list, bytes: list.reduce((n, a) => n + a.content.length, 0) };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null && 'address' in v ? String(v.address) : String(v))) : [];
}

async function send(credential: SmtpCredential, p: ResolvedEmailSendParams, ctx: ExecutionContext): Promise<ExecutionResult> {
  const attachments = attachmentsOf(p);
  if (attachments.bytes > p.maxAttachmentBytes) {
    return { ok: false, failure: failure('invalid_request', `attachments are ${attachments.bytes} bytes, more than maxAttachmentBytes (${p.maxAttachmentBytes})`) };
  }
  // One connection per message: an SMTP session that failed mid-way is never reused.
  const transport = nodemailer.createTransport({
    host: credential.host,
    port: credential.port,
    secure: credential.secure,
    auth: { user: credential.user, pass: credential.password },
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: p.from ?? credential.user,
      to: p.to,
      ...(p.cc === undefined ? {} : { cc: p.cc }),
      ...(p.bcc === undefined ? {} : { bcc: p.bcc }),
      ...(p.replyTo === undefined ? {} : { replyTo: p.replyTo }),
      subject: p.subject,
      ...(p.text === undefined ? {} : { text: p.text }),
      ...(p.html === undefined ? {} : { html: p.html }),
      attachments: attachments.list,
      // With an explicit idempotency key a repeat carries the same Message-ID, so receivers can drop it.
      ...(ctx.idempotencyKeyExplicit ? { messageId: `<${ctx.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_')}@switchyard>` } : {}),
    });
    return {
      ok: true,
      output: { messageId: String(info.messageId), accepted: stringList(info.accepted), rejected: stringList(info.rejected), response: String(info.response) },
    };
  } catch (err) {
    const f = classifySmtpError(err);
    return { ok: false, failure: { ...f, message: f.message.split(credential.password).join('[redacted]') } };
  } finally {
    transport.close();
  }
}

async function executeEmailSend(rawParams: unknown, ctx: ExecutionContext): Promise<ExecutionResult> {
  const parsed = parseResolvedParams(EmailSendResolvedParams, rawParams);
  if (!parsed.ok) return parsed;
  const credential = ctx.credential;
  if (credential === undefined) return { ok: false, failure: failure('invalid_request', 'an email.send node needs an smtp credential (the node\'s credential)') };
  if (credential.kind !== 'smtp') {
    return { ok: false, failure: failure('invalid_request', `credential ${credential.id} is a ${credential.kind} credential; an email.send node needs an smtp credential`) };
  }
  if (ctx.signal.aborted) return { ok: false, failure: failure('cancelled', 'the run was cancelled before the message was sent') };
  return send(credential, parsed.value, ctx);
}

export const emailSendExecutor: NodeExecutor = {
  definition: emailSendDefinition,
  pure: false,
  // A message may have been delivered before the attempt was lost; with an explicit key the repeat is recognisable.
  retrySafe: (_params, ctx) => ctx.idempotencyKeyExplicit,
  execute: executeEmailSend,
};
