import { randomBytes } from 'node:crypto';
import type { ExecutionResult, ResolvedCredential } from '@switchyard/engine';
import { freePort, startSmtpServer } from '@switchyard/testkit';
import type { ScriptedSmtpServer } from '@switchyard/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { emailSendExecutor } from '../src/email-send/execute.js';
import { emailSendDefinition } from '../src/email-send/definition.js';
import { expectOk, makeContext } from './context.js';
import { expectValid, issuesOf } from './issues.js';

const USER = 'robot@example.test';
const PASSWORD = 'smtp-secret-4711';

function smtp(port: number, password = PASSWORD): ResolvedCredential {
  return { id: 'mail', kind: 'smtp', host: '127.0.0.1', port, secure: false, user: USER, password };
}

function failureOf(result: ExecutionResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.failure;
}

const message = { to: 'ada@example.test', subject: 'Report', text: 'See attached.' };

describe('email.send', () => {
  let server: ScriptedSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('checks its params', () => {
    expectValid(emailSendDefinition, { ...message, cc: ['b@example.test'], attachments: '{{ $nodes.fetch.output.files }}' });
    expect(issuesOf(emailSendDefinition, { to: 'a@example.test', subject: 'x' })).toEqual([{ path: ['text'], message: 'give text, html or both' }]);
    expect(issuesOf(emailSendDefinition, { ...message, subject: 'a\r\nBcc: evil@example.test' })).toEqual([{ path: ['subject'], message: 'subject has no line breaks' }]);
    expect(emailSendExecutor.pure).toBe(false);
    expect(emailSendExecutor.retrySafe({}, { idempotencyKeyExplicit: false })).toBe(false);
    expect(emailSendExecutor.retrySafe({}, { idempotencyKeyExplicit: true })).toBe(true);
  });

  it('delivers a message with text, html, cc, bcc and a binary attachment intact', async () => {
    server = await startSmtpServer({ user: USER, password: PASSWORD });
    const bytes = randomBytes(200_000);
    const result = await emailSendExecutor.execute(
      {
        ...message,
        cc: 'grace@example.test',
        bcc: ['hidden@example.test'],
        html: '<p>See <b>attached</b>.</p>',
        attachments: [
          { filename: 'data.bin', content: bytes.toString('base64'), encoding: 'base64', contentType: 'application/octet-stream' },
          { filename: 'notes.txt', content: 'naïve café ✓' },
        ],
      },
      makeContext({ credential: smtp(server.port) }),
    );
    const out = expectOk(result).output as { accepted: string[] };
    expect(out.accepted.sort()).toEqual(['ada@example.test', 'grace@example.test', 'hidden@example.test']);
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.from).toBe(USER);
    expect(mail.to.sort()).toEqual(['ada@example.test', 'grace@example.test', 'hidden@example.test']);
    expect(mail.parsed.subject).toBe('Report');
    expect(mail.parsed.text?.trim()).toBe('See attached.');
    expect(mail.parsed.html).toContain('<b>attached</b>');
    // Bcc is in the envelope, never in the headers.
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    const [bin, txt] = mail.parsed.attachments;
    expect(bin?.filename).toBe('data.bin');
    expect(bin?.content.equals(bytes)).toBe(true);
    expect(txt?.content.toString('utf8')).toBe('naïve café ✓');
  });

  it('refuses attachments over maxAttachmentBytes before connecting', async () => {
    server = await startSmtpServer({ user: USER, password: PASSWORD });
    const f = failureOf(await emailSendExecutor.execute({ ...message, attachments: [{ filename: 'a', content: 'x'.repeat(2_000) }], maxAttachmentBytes: 1_000 }, makeContext({ credential: smtp(server.port) })));
    expect(f.category).toBe('invalid_request');
    expect(server.attempts).toBe(0);
  });

  it('maps 421, 450, 451 and 452 to server (retryable), 550, 553 and 554 to invalid_request', async () => {
    const codes = [421, 450, 451, 452, 550, 553, 554];
    server = await startSmtpServer({ user: USER, password: PASSWORD, steps: codes.map((code) => ({ code, message: `scripted ${code}` })) });
    const categories: string[] = [];
    for (const code of codes) {
      const f = failureOf(await emailSendExecutor.execute(message, makeContext({ credential: smtp(server.port) })));
      expect(f.httpStatus).toBe(code);
      categories.push(f.category);
    }
    expect(categories).toEqual(['server', 'server', 'server', 'server', 'invalid_request', 'invalid_request', 'invalid_request']);
    expect(server.received).toHaveLength(0);
  });

  it('a refused login (535) is auth and never shows the password; a refused connection is network', async () => {
    server = await startSmtpServer({ user: USER, password: PASSWORD });
    const f = failureOf(await emailSendExecutor.execute(message, makeContext({ credential: smtp(server.port, 'wrong-pass-9913') })));
    expect(f).toMatchObject({ category: 'auth', httpStatus: 535 });
    expect(f.message).not.toContain('wrong-pass-9913');
    expect(server.refusedLogins).toBe(1);
    const closed = await freePort();
    expect(failureOf(await emailSendExecutor.execute(message, makeContext({ credential: smtp(closed) }))).category).toBe('network');
  });

  it('needs an smtp credential', async () => {
    expect(failureOf(await emailSendExecutor.execute(message, makeContext())).category).toBe('invalid_request');
    expect(failureOf(await emailSendExecutor.execute(message, makeContext({ credential: { id: 'b', kind: 'bearer', token: 't' } }))).category).toBe('invalid_request');
  });
});

describe('email.send addresses as templates', () => {
  it('accepts a template where an address goes, and checks the address once evaluated', async () => {
    expectValid(emailSendDefinition, { to: '{{ $trigger.body.to }}', cc: ['{{ $input.cc }}', 'x@example.test'], subject: 's', text: 't' });
    expect(issuesOf(emailSendDefinition, { to: 'not-an-address', subject: 's', text: 't' })).toEqual([{ path: ['to'], message: 'an address is like name@example.com' }]);
    const f = await emailSendExecutor.execute({ to: 'still-not-one', subject: 's', text: 't' }, makeContext({ credential: smtp(1) }));
    expect(f.ok ? '' : f.failure.category).toBe('invalid_request');
  });
});
