import fs from 'node:fs';
import path from 'node:path';
import { startSmtpServer } from '@switchyard/testkit';
import type { ScriptedSmtpServer } from '@switchyard/testkit';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness, type LooseJson } from './support/harness.js';

const at = { x: 0, y: 0 };
const SENTINEL = 'SENTINEL-5c1e-connection-password';
const forms = [SENTINEL, encodeURIComponent(SENTINEL), Buffer.from(SENTINEL).toString('base64')];

function expectNoSecret(text: string): void {
  for (const f of forms) expect(text).not.toContain(f);
}

function oneNodeWorkflow(name: string, node: Record<string, unknown>, retry?: Record<string, unknown>): Record<string, unknown> {
  const edges: Array<Record<string, unknown>> = [{ id: 'e1', kind: 'next', source: 'start', target: 'step' }];
  if (retry !== undefined) edges.push({ id: 'r1', kind: 'retry', source: 'step', target: 'step', retry });
  return { schemaVersion: 1, name, nodes: [{ id: 'start', type: 'trigger.manual', position: at, params: {} }, { id: 'step', position: at, ...node }], edges };
}

describe('sql and email.send through the server', () => {
  let h: Harness;
  const seen: string[] = [];
  const api = async (...args: Parameters<Harness['api']>) => {
    const res = await h.api(...args);
    seen.push(res.text);
    return res;
  };
  const runToEnd = async (workflowId: string, input: unknown): Promise<LooseJson> => {
    const runId = (await api('POST', `/api/workflows/${workflowId}/runs`, { input })).json.runId as string;
    return eventually(async () => {
      const r = await api('GET', `/api/runs/${runId}`);
      return ['failed', 'succeeded'].includes(r.json.status) ? r.json : undefined;
    });
  };
  const stepOf = (run: LooseJson): LooseJson => run.nodes.find((n: { nodeId: string }) => n.nodeId === 'step');

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  describe('sql on PostgreSQL', () => {
    const dbName = `sy_server_sql_${process.pid}`;
    const admin = () => new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    beforeAll(async () => {
      const c = admin();
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
    });
    afterAll(async () => {
      const c = admin();
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    });

    it('the connection string is in no API answer, run record, log line or the database file', async () => {
      // PostgreSQL here trusts loopback, so the password is accepted and never checked: it only has to stay secret.
      const connectionString = `postgres://postgres:${SENTINEL}@127.0.0.1:5432/${dbName}`;
      const created = await api('POST', '/api/credentials', { id: 'orders_db', name: 'Orders DB', kind: 'connection', connectionString });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ id: 'orders_db', kind: 'connection', status: 'ok' });
      expect((await api('POST', '/api/credentials', { id: 'bad_db', name: 'x', kind: 'connection', connectionString: 'ftp://x' })).status).toBe(400);
      const wf = (
        await api(
          'POST',
          '/api/workflows',
          oneNodeWorkflow('Store order', {
            type: 'sql',
            credential: 'orders_db',
            params: {
              statements: [
                { query: 'create table if not exists orders (id int primary key, customer text not null)' },
                { query: 'insert into orders (id, customer) values ($1, $2) returning id, customer', params: ['{{ $trigger.body.id }}', '{{ $trigger.body.customer }}'] },
              ],
              transaction: true,
            },
          }),
        )
      ).json;
      expect(wf.warnings).toEqual([]);
      const ok = await runToEnd(wf.id, { id: 1, customer: "x'); drop table orders; --" });
      expect(ok.status).toBe('succeeded');
      expect(stepOf(ok).output).toMatchObject({ rows: [{ id: 1, customer: "x'); drop table orders; --" }], rowCount: 1 });
      const dup = await runToEnd(wf.id, { id: 1, customer: 'again' });
      expect(stepOf(dup).error.category).toBe('invalid_request');
      await api('GET', `/api/runs/${ok.id}/events`);
      await api('GET', `/api/runs/${dup.id}/events`);
      await api('GET', `/api/runs/${ok.id}/nodes/step/output`);
      await api('GET', `/api/workflows/${wf.id}`);
      await api('GET', '/api/credentials');
      await api('GET', '/api/credentials/orders_db');
      await api('GET', '/api/runs');
      for (const text of seen) expectNoSecret(text);
      expectNoSecret(h.logs.join(''));
      await h.server.engine.idle();
      for (const file of fs.readdirSync(h.dataDir)) {
        if (file.startsWith('switchyard.db')) expectNoSecret(fs.readFileSync(path.join(h.dataDir, file)).toString('latin1'));
      }
    });
  });

  describe('email.send', () => {
    const user = 'robot@example.test';
    const password = 'smtp-password-2290';
    let smtp: ScriptedSmtpServer;
    afterEach(async () => {
      await smtp.close();
    });
    const mailNode = (credential: string) => ({
      type: 'email.send',
      credential,
      params: { to: '{{ $trigger.body.to }}', subject: 'Invoice', text: 'Attached.', attachments: [{ filename: 'invoice.txt', content: '{{ $trigger.body.invoice }}' }] },
    });
    const fastRetry = { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10, jitter: 'none' };

    it('a 421 is retried by the retry edge and then delivered; a 550 is not retried', async () => {
      smtp = await startSmtpServer({ user, password, steps: [{ code: 421, message: 'try again later' }, { accept: true }, { code: 550, message: 'no such mailbox' }] });
      expect((await api('POST', '/api/credentials', { id: 'mail_ok', name: 'Mail', kind: 'smtp', host: '127.0.0.1', port: smtp.port, user, password })).status).toBe(201);
      const wf = (await api('POST', '/api/workflows', oneNodeWorkflow('Mail invoice', mailNode('mail_ok'), fastRetry))).json;
      expect(wf.warnings).toEqual([]);
      const delivered = await runToEnd(wf.id, { to: 'ada@example.test', invoice: 'total: 42' });
      expect(delivered.status).toBe('succeeded');
      expect(stepOf(delivered).attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'succeeded']);
      expect(stepOf(delivered).attempts[0].error).toMatchObject({ category: 'server', httpStatus: 421 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.parsed.attachments[0]?.content.toString('utf8')).toBe('total: 42');

      const refused = await runToEnd(wf.id, { to: 'nobody@example.test', invoice: 'x' });
      expect(refused.status).toBe('failed');
      expect(stepOf(refused).error).toMatchObject({ category: 'invalid_request', httpStatus: 550 });
      expect(stepOf(refused).attempts).toHaveLength(1);
      expect(smtp.attempts).toBe(3);
      for (const text of seen) expect(text).not.toContain(password);
      expect(h.logs.join('')).not.toContain(password);
    });

    it('535 fails with auth and locks the credential after 3 failures; then nothing is sent', async () => {
      smtp = await startSmtpServer({ user, password });
      expect((await api('POST', '/api/credentials', { id: 'mail_bad', name: 'Mail', kind: 'smtp', host: '127.0.0.1', port: smtp.port, user, password: 'wrong-one' })).status).toBe(201);
      const wf = (await api('POST', '/api/workflows', oneNodeWorkflow('Mail with a wrong login', mailNode('mail_bad'), fastRetry))).json;
      for (let i = 0; i < 3; i++) {
        const run = await runToEnd(wf.id, { to: 'ada@example.test', invoice: 'x' });
        // auth is not retried by default: one attempt per run.
        expect(stepOf(run).attempts).toHaveLength(1);
        expect(stepOf(run).error).toMatchObject({ category: 'auth', httpStatus: 535 });
      }
      expect(smtp.refusedLogins).toBe(3);
      await eventually(async () => ((await api('GET', '/api/credentials/mail_bad')).json.status === 'locked' ? true : undefined));
      const blocked = await runToEnd(wf.id, { to: 'ada@example.test', invoice: 'x' });
      expect(stepOf(blocked).error.category).toBe('credential_locked');
      expect(smtp.refusedLogins).toBe(3);
    });
  });
});
