import { startUpstream, type Upstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorkflow, delayWorkflow, manualWorkflow } from './support/fixtures.js';
import { eventually, startHarness, TEST_API_KEY, type Harness, type LooseJson } from './support/harness.js';

describe('runs API', () => {
  let h: Harness;
  let upstream: Upstream;
  const create = async (wf: Record<string, unknown>): Promise<string> => (await h.api('POST', '/api/workflows', wf)).json.id as string;
  const start = async (workflowId: string, input: unknown = {}): Promise<string> => (await h.api('POST', `/api/workflows/${workflowId}/runs`, { input })).json.runId as string;
  const ended = async (runId: string): Promise<LooseJson> =>
    eventually(async () => {
      const r = (await h.api('GET', `/api/runs/${runId}`)).json;
      return ['succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'].includes(r.status) ? r : undefined;
    });

  beforeAll(async () => {
    h = await startHarness();
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await h.close();
    await upstream.close();
  });

  it('lists newest first with filters and a cursor; limit defaults to 50 and is clamped at 200', async () => {
    const wf = await create(manualWorkflow());
    const ids = [await start(wf, { n: 1 }), await start(wf, { n: 2 }), await start(wf, { n: 3 })];
    for (const id of ids) await ended(id);
    const page1 = await h.api('GET', `/api/runs?workflowId=${wf}&limit=2`);
    expect(page1.json.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.json.items[0]).toEqual({
      id: ids[2],
      workflowId: wf,
      workflowVersion: 1,
      status: 'succeeded',
      degraded: false,
      mode: 'production',
      trigger: { kind: 'manual' },
      startedAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
    });
    const page2 = await h.api('GET', `/api/runs?workflowId=${wf}&limit=2&cursor=${encodeURIComponent(page1.json.nextCursor)}`);
    expect(page2.json.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(page2.json.nextCursor).toBeNull();
    expect((await h.api('GET', `/api/runs?workflowId=${wf}&limit=5000`)).status).toBe(200);
    expect((await h.api('GET', `/api/runs?workflowId=${wf}&status=succeeded`)).json.items).toHaveLength(3);
    expect((await h.api('GET', `/api/runs?workflowId=${wf}&status=failed`)).json.items).toHaveLength(0);
    expect((await h.api('GET', `/api/runs?workflowId=${wf}&degraded=false&since=2000-01-01T00:00:00Z`)).json.items).toHaveLength(3);
    expect((await h.api('GET', `/api/runs?workflowId=${wf}&until=2000-01-01T00:00:00Z`)).json.items).toHaveLength(0);
    const bad = await h.api('GET', '/api/runs?status=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(bad.json.error.details.issues[0].path).toEqual(['query', 'status']);
    expect((await h.api('GET', '/api/runs?cursor=garbage')).json.error.code).toBe('invalid_request');
    const counts = (await h.api('GET', `/api/runs/counts?workflowId=${wf}`)).json;
    expect(counts).toEqual({ queued: 0, running: 0, waiting: 0, succeeded: 3, failed: 0, compensated: 0, needs_attention: 0, cancelled: 0, degraded: 0 });
  });

  it('shows a run with nodes and attempts; bodies over 64 KiB are cut and full values have their endpoints', async () => {
    const big = { items: Array.from({ length: 3_000 }, (_, i) => ({ i, text: 'x'.repeat(30) })) };
    upstream.script('POST', '/big', [{ json: big }]);
    const wf = await create(callWorkflow(`${upstream.url}/big`));
    const run = await ended(await start(wf, { n: 4 }));
    expect(run.status).toBe('succeeded');
    const call = run.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
    expect(call.attempts).toHaveLength(1);
    const attempt = call.attempts[0];
    expect(attempt).toMatchObject({ number: 1, epoch: 1, outcome: 'succeeded', startedAt: expect.stringMatching(/Z$/) });
    expect(attempt.request).toMatchObject({ method: 'POST', body: { n: 4 }, truncated: false });
    expect(attempt.response.status).toBe(200);
    expect(attempt.response.truncated).toBe(true);
    expect(typeof attempt.response.body).toBe('string');
    expect(call.outputTruncated).toBe(true);
    const full = await h.api('GET', `/api/runs/${run.id}/nodes/call/attempts/1/response`);
    expect(full.json.body).toEqual(big);
    const output = await h.api('GET', `/api/runs/${run.id}/nodes/call/output`);
    expect(output.json.body).toEqual(big);
    expect((await h.api('GET', `/api/runs/${run.id}/nodes/start/input`)).status).toBe(200);
    expect((await h.api('GET', `/api/runs/${run.id}/nodes/call/attempts/9/response`)).status).toBe(404);
    expect((await h.api('GET', `/api/runs/${run.id}/nodes/nope/output`)).status).toBe(404);
    expect((await h.api('GET', `/api/runs/${run.id}/nodes/call/secrets`)).status).toBe(404);
    expect((await h.api('GET', '/api/runs/no-such-run')).status).toBe(404);
  });

  it('resumes a failed run (202), refuses a succeeded one (409), replays (201)', async () => {
    upstream.script('POST', '/flaky', [{ status: 400, json: { error: 'bad' } }, { json: { ok: true } }]);
    const wf = await create(callWorkflow(`${upstream.url}/flaky`));
    const failed = await ended(await start(wf, { n: 1 }));
    expect(failed.status).toBe('failed');
    const resumed = await h.api('POST', `/api/runs/${failed.id}/resume`, {});
    expect(resumed.status).toBe(202);
    const after = await ended(failed.id);
    expect(after.status).toBe('succeeded');
    const again = await h.api('POST', `/api/runs/${failed.id}/resume`, {});
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    const replay = await h.api('POST', `/api/runs/${failed.id}/replay`);
    expect(replay.status).toBe(201);
    expect(replay.json.runId).not.toBe(failed.id);
    expect((await ended(replay.json.runId)).trigger).toEqual({ kind: 'manual', body: { n: 1 } });
    expect((await h.api('POST', '/api/runs/nope/replay')).status).toBe(404);
  });

  it('replays on the version its body names, and refuses any other body with the offending field', async () => {
    const wf = await create(manualWorkflow());
    const first = await ended(await start(wf, { n: 3 }));
    expect(first.nodes.find((n: { nodeId: string }) => n.nodeId === 'double').output).toEqual({ doubled: 6 });
    const v2 = manualWorkflow();
    (v2.nodes as Array<{ id: string; params: Record<string, unknown> }>)[1]!.params = { expression: '{{ { "tripled": $trigger.body.n * 3 } }}' };
    expect((await h.api('PUT', `/api/workflows/${wf}`, v2)).status).toBe(200);

    const onV1 = await h.api('POST', `/api/runs/${first.id}/replay`, { version: 1 });
    expect(onV1.status).toBe(201);
    const v1Run = await ended(onV1.json.runId);
    expect(v1Run.workflowVersion).toBe(1);
    expect(v1Run.nodes.find((n: { nodeId: string }) => n.nodeId === 'double').output).toEqual({ doubled: 6 });

    const onV2 = await ended((await h.api('POST', `/api/runs/${first.id}/replay`, { version: 2 })).json.runId);
    expect(onV2.workflowVersion).toBe(2);
    expect(onV2.nodes.find((n: { nodeId: string }) => n.nodeId === 'double').output).toEqual({ tripled: 9 });
    // Without a version a replay runs the newest version, like a manual run.
    expect((await ended((await h.api('POST', `/api/runs/${first.id}/replay`, {})).json.runId)).workflowVersion).toBe(2);

    const refused: Array<[unknown, Array<string | number>]> = [
      [{ dryRun: true }, []],
      [[1], []],
      ['x', []],
      [{ version: '1' }, ['version']],
      [{ version: 0 }, ['version']],
    ];
    for (const [body, path] of refused) {
      const answer = await h.api('POST', `/api/runs/${first.id}/replay`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe('invalid_request');
      expect(answer.json.error.details.issues[0].path).toEqual(path);
    }
    const unknownField = (await h.api('POST', `/api/runs/${first.id}/replay`, { dryRun: true })).json.error.details.issues[0];
    expect(unknownField.message).toContain('dryRun');
    expect((await h.api('POST', `/api/runs/${first.id}/replay`, { version: 9 })).status).toBe(404);
    const runs = (await h.api('GET', `/api/runs?workflowId=${wf}`)).json.items;
    expect(runs).toHaveLength(4);
  });

  it('cancels a live run (202); cancelling or resuming while live/ended answers 409', async () => {
    const wf = await create(delayWorkflow(60_000));
    const runId = await start(wf);
    await eventually(async () => ((await h.api('GET', `/api/runs/${runId}`)).json.nodes.find((n: { nodeId: string }) => n.nodeId === 'wait').status === 'running' ? true : undefined));
    expect((await h.api('POST', `/api/runs/${runId}/resume`, {})).status).toBe(409);
    expect((await h.api('POST', `/api/runs/${runId}/cancel`, {})).status).toBe(202);
    expect((await ended(runId)).status).toBe('cancelled');
    expect((await h.api('POST', `/api/runs/${runId}/cancel`, {})).status).toBe(409);
    expect((await h.api('POST', `/api/runs/${runId}/cancel`, { compensate: 'yes' })).status).toBe(400);
  });

  it('streams events until the run ends; Last-Event-ID resumes with later ids', async () => {
    const wf = await create(delayWorkflow(300));
    const runId = await start(wf);
    const res = await fetch(`${h.url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${TEST_API_KEY}` }, signal: AbortSignal.timeout(10_000) });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((b) => b.trim() !== '')
      .map((block) => {
        const fields = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
        return { event: fields.event, id: Number(fields.id), data: JSON.parse(fields.data ?? 'null') };
      });
    expect(events[0]?.event).toBe('run');
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const last = events.at(-1);
    expect(last?.event).toBe('run');
    expect(last?.data.status).toBe('succeeded');
    expect(events.some((e) => e.event === 'node' && e.data.nodeId === 'done' && e.data.status === 'succeeded')).toBe(true);
    // Reconnecting after the end: the state again, ids after the one sent, then the end.
    const again = await fetch(`${h.url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${TEST_API_KEY}`, 'last-event-id': '41' }, signal: AbortSignal.timeout(10_000) });
    const againText = await again.text();
    expect(againText).toContain('id: 42');
    expect(againText).toContain('"status":"succeeded"');
  });
});
