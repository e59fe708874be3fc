// A real SMTP server on 127.0.0.1 (the smtp-server package) whose answers a test scripts:
// each accepted message is parsed (mailparser) so a test sees what a mail client would.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
}

/** What the server answers to the next message: accept it, or refuse it with an SMTP code. */
export type SmtpStep = { accept: true } | { code: number; message: string };

export interface SmtpServerOptions {
  user: string;
  password: string;
  /** Answers to successive messages (at the end of DATA); after the list, every message is accepted. */
  steps?: SmtpStep[];
}

export interface ScriptedSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Messages the server was asked to take (accepted or refused). */
  attempts: number;
  /** Logins refused. */
  refusedLogins: number;
  close(): Promise<void>;
}

function refusal(step: { code: number; message: string }): Error & { responseCode: number } {
  return Object.assign(new Error(step.message), { responseCode: step.code });
}

export async function startSmtpServer(options: SmtpServerOptions): Promise<ScriptedSmtpServer> {
  const steps = [...(options.steps ?? [])];
  const state: ScriptedSmtpServer = { port: 0, received: [], attempts: 0, refusedLogins: 0, close: () => Promise.resolve() };
  const server = new SMTPServer({
    // Plain SMTP on loopback: the test needs no certificate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      state.refusedLogins += 1;
      callback(refusal({ code: 535, message: 'Authentication credentials invalid' }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts += 1;
        const step = steps.shift() ?? { accept: true };
        if (!('accept' in step)) return callback(refusal(step));
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          state.received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), parsed });
          callback();
        }, callback);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
