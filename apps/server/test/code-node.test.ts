import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualWorkflow } from './support/fixtures.js';
import { eventually, startHarness, type Harness, type LooseJson } from './support/harness.js';

const at = { x: 0, y: 0 };

/** manual trigger → a code node running `code`. */
function codeWorkflow(code: string, timeLimitMs = 500): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'Code',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at, params: {} },
      { id: 'js', type: 'code', position: at, params: { code, timeLimitMs } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'js' }],
  };
}

const ENDED = ['succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'];

describe('code node on a real server', () => {
  let h: Harness;
  const create = async (wf: Record<string, unknown>): Promise<string> => {
    const answer = await h.api('POST', '/api/workflows', wf);
    expect(answer.status).toBe(201);
    return answer.json.id as string;
  };
  const start = async (workflowId: string, input: unknown = {}): Promise<string> => (await h.api('POST', `/api/workflows/${workflowId}/runs`, { input })).json.runId as string;
  const runOf = async (runId: string): Promise<LooseJson> => (await h.api('GET', `/api/runs/${runId}`)).json;
  const ended = (runId: string): Promise<LooseJson> =>
    eventually(async () => {
      const run = await runOf(runId);
      return ENDED.includes(run.status) ? run : undefined;
    }, { what: `run ${runId} to end`, timeoutMs: 60_000 });

  beforeAll(async () => {
    h = await startHarness({ env: { SWITCHYARD_CODE_WORKERS: '2' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs code on $input and outputs its value, with console lines in the attempt\'s response', async () => {
    const wf = await create(codeWorkflow("console.log('n is', $input.body.n);\nreturn { doubled: $trigger.body.n * 2, run: $run.id, kind: $trigger.kind };"));
    const runId = await start(wf, { n: 21 });
    const run = await ended(runId);
    const js = run.nodes.find((n: LooseJson) => n.nodeId === 'js');
    expect(js.error?.message ?? null).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(js.output).toEqual({ doubled: 42, run: runId, kind: 'manual' });
    expect(js.attempts[0].response.body).toEqual({ logs: ['n is 21'] });
  });

  const runaways: Array<[string, string, string, RegExp]> = [
    ['process', 'return process.pid;', 'invalid_request', /'process' is not defined/],
    ['require', "return require('fs');", 'invalid_request', /'require' is not defined/],
    ['import()', "return await import('node:fs');", 'invalid_request', /the code threw/],
    ['the Function constructor', "return globalThis.constructor.constructor('return process')().pid;", 'invalid_request', /'process' is not defined/],
    ['fetch', "return await fetch('http://127.0.0.1:1/');", 'invalid_request', /'fetch' is not defined/],
    ['a setTimeout that would outlive the call', 'setTimeout(() => {}, 60000); return 1;', 'invalid_request', /'setTimeout' is not defined/],
    ['while(true){}', 'while (true) {}', 'timeout', /time limit of 500 ms/],
    ['allocating 1 GiB', 'const b = new ArrayBuffer(1024 ** 3); return b.byteLength;', 'invalid_request', /out of memory/],
    ['recursion 1e6 deep', 'const down = (n) => (n === 0 ? 0 : 1 + down(n - 1)); return down(1e6);', 'invalid_request', /stack overflow/],
    ['returning a 100 MB string', "return 'x'.repeat(100 * 1024 * 1024);", 'invalid_request', /out of memory|larger than/],
    ['a getter trap on the returned value', 'return { get a() { while (true) {} } };', 'timeout', /time limit/],
    ['a Proxy trap on the returned value', "return new Proxy({}, { ownKeys() { throw new Error('trap'); } });", 'invalid_request', /trap/],
  ];

  it.each(runaways)('%s fails only the node, while the server keeps answering /api/health/live', async (_name, code, category, message) => {
    const wf = await create(codeWorkflow(code));
    const runId = await start(wf);
    let healthChecks = 0;
    const run = await eventually(async () => {
      const live = await h.raw('GET', '/api/health/live');
      expect(live.status).toBe(200);
      healthChecks += 1;
      const current = await runOf(runId);
      return ENDED.includes(current.status) ? current : undefined;
    }, { what: 'the run to end', timeoutMs: 60_000 });
    expect(healthChecks).toBeGreaterThan(0);
    expect(run.status).toBe('failed');
    const js = run.nodes.find((n: LooseJson) => n.nodeId === 'js');
    expect(js.status).toBe('failed');
    expect(js.error.category).toBe(category);
    expect(js.error.message).toMatch(message);
    // No host detail leaks into the message.
    expect(js.error.message).not.toMatch(/node_modules|\.ts:|worker_threads/);
    // The server still runs code afterwards.
    const after = await ended(await start(await create(codeWorkflow('return 1 + 1;'))));
    expect(after.status).toBe('succeeded');
  });

  it('ten runaway code nodes at once do not stop other runs from finishing', async () => {
    const runaway = await create(codeWorkflow('while (true) {}', 1_000));
    const normal = await create(manualWorkflow());
    const runaways = await Promise.all(Array.from({ length: 10 }, () => start(runaway)));
    const normals = await Promise.all(Array.from({ length: 10 }, (_, n) => start(normal, { n })));
    const finished = await Promise.all(normals.map((id) => ended(id)));
    expect(finished.map((r) => r.status)).toEqual(Array(10).fill('succeeded'));
    expect(finished.map((r) => r.nodes.find((n: LooseJson) => n.nodeId === 'double').output)).toEqual(Array.from({ length: 10 }, (_, n) => ({ doubled: n * 2 })));
    // The runaways were still queued or running while the normal runs finished (two workers, one second each).
    const stillGoing = (await Promise.all(runaways.map(runOf))).filter((r) => !ENDED.includes(r.status));
    expect(stillGoing.length).toBeGreaterThan(0);
    expect((await h.raw('GET', '/api/health/live')).status).toBe(200);
    const endedRunaways = await Promise.all(runaways.map((id) => ended(id)));
    for (const run of endedRunaways) {
      expect(run.status).toBe('failed');
      expect(run.nodes.find((n: LooseJson) => n.nodeId === 'js').error.category).toBe('timeout');
    }
  });
});
