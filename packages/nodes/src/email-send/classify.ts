import { failure } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';

/**
 * SMTP answers and nodemailer's error codes as failure categories. 421 and 450-452 say "try
 * later" (RFC 5321 §4.2.5): `server`, retryable. 535 refuses the login: `auth`, so repeated
 * failures lock the credential. 550, 553, 554 and other 5xx refuse the message: not retried.
 */
export function classifySmtpError(err: unknown): Failure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const said = typeof e.response === 'string' && e.response !== '' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const extra = status === undefined ? {} : { httpStatus: status };
  if (status === 535 || status === 534 || status === 530 || (status === undefined && code === 'EAUTH')) return failure('auth', `SMTP login refused: ${said}`, extra);
  if (status !== undefined && status >= 400 && status < 500) return failure('server', `SMTP server asked to try later: ${said}`, extra);
  if (status !== undefined && status >= 500) return failure('invalid_request', `SMTP server refused the message: ${said}`, extra);
  if (code === 'ETIMEDOUT') return failure('timeout', `SMTP server did not answer in time: ${said}`);
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS' || code === 'ETLS' || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return failure('network', `SMTP connection failed: ${said}`);
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return failure('invalid_request', `message not accepted: ${said}`);
  return failure('server', `SMTP error: ${said}`);
}
