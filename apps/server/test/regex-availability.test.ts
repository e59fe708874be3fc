import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, eventually, type Harness } from './support/harness.js';

const at = { x: 0, y: 0 };
// Exponential on a backtracking engine for 33 word characters and a '!'; linear on RE2.
const CATASTROPHIC = '/^(\\w+\\s?)*$/';
const HOSTILE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';

function regexWorkflow(path: string, pattern: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: `Regex ${path}`,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', position: at, params: { path } },
      { id: 'check', type: 'transform', position: at, params: { expression: `{{ { "ok": $contains($trigger.body.name, ${pattern}) } }}` } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'hook', target: 'check' }],
  };
}

describe('a user regular expression cannot stop the server (RE2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('runs the catastrophic pattern on the 33-character input correctly while /api/health answers', async () => {
    const created = await h.api('POST', '/api/workflows', regexWorkflow('names', CATASTROPHIC));
    expect(created.status).toBe(201);
    await h.api('POST', `/api/workflows/${created.json.id}/activate`);
    const accepted = await h.raw('POST', '/hooks/names', { body: JSON.stringify({ name: HOSTILE }), headers: { 'content-type': 'application/json' } });
    expect(accepted.status).toBe(202);
    // On a backtracking engine the match holds the event loop for minutes: health would not answer.
    expect((await h.raw('GET', '/api/health')).status).toBe(200);
    const run = await eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${accepted.json.runId}`)).json;
      return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
    }, 30_000);
    expect(run.status).toBe('succeeded');
    expect((await h.api('GET', `/api/runs/${run.id}/nodes/check/output`)).json).toEqual({ ok: false });
  });

  it('refuses, when saved, a pattern RE2 cannot run, naming the node and the reason', async () => {
    const refused = await h.api('POST', '/api/workflows', regexWorkflow('backref', '/(a)\\1/'));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.error)).toMatch(/not supported.*backreferences/);
  });
});
