import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { delayWorkflow, webhookWorkflow } from './support/fixtures.js';
import { eventually, startHarness } from './support/harness.js';

describe('server lifecycle', () => {
  it('shutdown lets a request in flight finish, then refuses new connections', async () => {
    const h = await startHarness();
    const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'slow', mode: 'sync' }, { delayMs: 2_000, respond: true }));
    await h.api('POST', `/api/workflows/${created.json.id}/activate`);
    const inFlight = h.raw('POST', '/hooks/slow', { body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    // Close only once the delivery is in flight (its run exists).
    await eventually(async () => ((await h.api('GET', `/api/runs?workflowId=${created.json.id}`)).json.items.length === 1 ? true : undefined));
    const closing = h.close();
    const res = await inFlight;
    expect(res.status).toBe(201);
    await closing;
    await expect(fetch(`${h.url}/api/health`)).rejects.toThrow();
  });

  it('a restarted server takes back unfinished runs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-restart-'));
    try {
      const first = await startHarness({ dataDir });
      const wf = (await first.api('POST', '/api/workflows', delayWorkflow(400))).json;
      const runId = (await first.api('POST', `/api/workflows/${wf.id}/runs`, { input: {} })).json.runId as string;
      // The delay node sleeps on a durable timer: the run waits (no attempt in flight).
      await eventually(async () => (['running', 'waiting'].includes((await first.api('GET', `/api/runs/${runId}`)).json.status) ? true : undefined));
      await first.close();
      const second = await startHarness({ dataDir });
      try {
        const run = await eventually(async () => {
          const r = (await second.api('GET', `/api/runs/${runId}`)).json;
          return r.status === 'succeeded' ? r : undefined;
        });
        expect(run.nodes.find((n: { nodeId: string }) => n.nodeId === 'done').output).toBe('done');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
