import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { CredentialPort, Engine } from '@switchyard/engine';
import type { JsonPoster } from '@switchyard/nodes';
import type { AlertChannel, Json } from '@switchyard/schema';
import { isStandardWebhooksSecret, standardWebhooksHeaders } from './sign.js';

/** How long one delivery may take before it counts as failed (it is tried again later). */
export const DELIVERY_TIMEOUT_MS = 5_000;

export interface DeliveryResult {
  ok: boolean;
  /** An HTTP status, a run id, an SMTP reply; or why it failed. */
  detail: string;
}

/** What a notification says: the alert, its rule, and why it is sent now. */
export interface AlertNotification {
  event: 'opened' | 'escalated' | 'resolved';
  subjectLine: string;
  payload: Json;
  /** Names this notification to one channel, the same on every retry (a signed webhook's `webhook-id`). */
  messageId: string;
}

export interface ChannelDeps {
  engine: Engine;
  /** Webhook deliveries, guarded like every outbound call (no redirects followed). */
  poster: JsonPoster;
  /** `smtp://user:pass@host:port` or `smtps://…`; e-mail channels fail clearly without it. */
  smtpUrl: string | undefined;
  from: string;
  /** Where a signed webhook channel's secret is read. */
  credentials: CredentialPort;
  /** The signature's timestamp. */
  now: () => number;
}

/** A short, secret-free name of a channel for delivery records. */
export function channelLabel(channel: AlertChannel): string {
  switch (channel.kind) {
    case 'webhook': {
      const u = new URL(channel.url);
      // The origin only: a webhook URL often carries a secret in its path.
      return `webhook ${u.origin}`;
    }
    case 'workflow':
      return `workflow ${channel.workflowId}`;
    case 'email':
      return `email ${channel.to.join(', ')}`;
  }
}

/** Sends one notification to one channel; never throws (a failure is a result, retried later). */
export async function deliver(deps: ChannelDeps, channel: AlertChannel, note: AlertNotification): Promise<DeliveryResult> {
  try {
    switch (channel.kind) {
      case 'webhook': {
        let sign: ((raw: string) => Record<string, string>) | undefined;
        if (channel.credential !== undefined) {
          const secret = await signingSecret(deps.credentials, channel.credential);
          if (!secret.ok) return { ok: false, detail: secret.detail };
          const at = deps.now();
          sign = (raw) => standardWebhooksHeaders(secret.secret, note.messageId, at, raw);
        }
        // Through the same SSRF guard as http.request: an alert rule cannot aim at internal addresses.
        const res = await deps.poster.post(channel.url, { event: note.event, ...(note.payload as Record<string, Json>) }, DELIVERY_TIMEOUT_MS, sign);
        if (!res.ok) return { ok: false, detail: res.reason };
        return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
      }
      case 'workflow': {
        const run = await deps.engine.startRun({ workflowId: channel.workflowId, trigger: { kind: 'manual', body: { event: note.event, ...(note.payload as Record<string, Json>) } } });
        return { ok: true, detail: `run ${run.id}` };
      }
      case 'email': {
        if (deps.smtpUrl === undefined) return { ok: false, detail: 'e-mail is not configured: set SWITCHYARD_SMTP_URL' };
        const transport = nodemailer.createTransport(smtpOptions(deps.smtpUrl));
        try {
          const info = await transport.sendMail({ from: deps.from, to: channel.to, subject: note.subjectLine, text: `${note.subjectLine}\n\n${JSON.stringify(note.payload, null, 2)}\n` });
          return { ok: true, detail: String(info.response ?? 'sent') };
        } finally {
          transport.close();
        }
      }
    }
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

/** A webhook channel's signing secret; the reason names the credential, never its value. */
async function signingSecret(credentials: CredentialPort, id: string): Promise<{ ok: true; secret: string } | { ok: false; detail: string }> {
  const credential = await credentials.resolve(id);
  if (!credential) return { ok: false, detail: `the signing credential '${id}' is not stored` };
  if (credential.kind !== 'hmac' || !isStandardWebhooksSecret(credential.secret)) {
    return { ok: false, detail: `the signing credential '${id}' is not an hmac credential holding a Standard Webhooks secret (whsec_ and base64 of 24 to 64 bytes)` };
  }
  return { ok: true, secret: credential.secret };
}

/** `smtp://user:pass@host:port` (or `smtps://`) as transport options, with our timeouts. */
function smtpOptions(url: string): SMTPTransport.Options {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port === '' ? (secure ? 465 : 587) : Number(u.port),
    secure,
    ...(u.username === '' ? {} : { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }),
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  };
}
