import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRunRecord } from '@switchyard/engine';
import type { Workflow } from '@switchyard/schema';
import type { ResponseStep } from '@switchyard/testkit';
import { createWorld, registerIntegrations, runToEnd } from './harness.js';
import type { World } from './harness.js';

type Kind = 'http' | 'transform' | 'fail';

interface NodeSpec {
  kind: Kind;
  preds: number[];
  onFailure: 'fail' | 'continue';
  maxAttempts: number;
  fallback: boolean;
  compensate: boolean;
  script: number[];
  fallbackScript: number[];
  compensateScript: number[];
}

const status = fc.constantFrom(200, 200, 200, 500, 503, 400, 429);
const script = fc.array(status, { minLength: 1, maxLength: 4 });

/** Random DAGs: node i (1-based) takes 1 or 2 predecessors among the trigger (0) and nodes before it. */
const dagCase = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        kind: fc.constantFrom<Kind>('http', 'http', 'http', 'transform', 'fail'),
        preds: fc.uniqueArray(fc.integer({ min: 0, max: i }), { minLength: 1, maxLength: Math.min(2, i + 1) }),
        onFailure: fc.constantFrom<'fail' | 'continue'>('fail', 'continue'),
        maxAttempts: fc.integer({ min: 1, max: 3 }),
        fallback: fc.boolean(),
        compensate: fc.boolean(),
        script,
        fallbackScript: script,
        compensateScript: script,
      }),
    ),
  ),
);

const id = (i: number): string => (i === 0 ? 't' : `m${i}`);

function step(code: number): ResponseStep {
  if (code === 429) return { status: 429, headers: { 'retry-after': '1' } };
  return code < 300 ? { status: code, json: { code } } : { status: code };
}

function buildWorkflow(world: World, caseId: string, specs: NodeSpec[]): Workflow {
  const http = (nodeId: string) => ({
    id: nodeId,
    type: 'http.request',
    integration: 'svc',
    params: { method: 'POST', url: `{{ $integration.baseUrl & '/${caseId}/${nodeId}' }}` },
  });
  const nodes: Workflow['nodes'] = [{ id: 't', type: 'trigger.manual' }];
  const edges: Workflow['edges'] = [];
  specs.forEach((s, index) => {
    const i = index + 1;
    const nodeId = id(i);
    const policy = { onFailure: s.onFailure };
    if (s.kind === 'http') nodes.push({ ...http(nodeId), policy });
    else if (s.kind === 'transform') nodes.push({ id: nodeId, type: 'transform', params: { expression: `{{ ${i} }}` }, policy });
    else nodes.push({ id: nodeId, type: 'fail', params: { category: 'server', message: 'scripted failure' }, policy });
    for (const p of s.preds) edges.push({ id: `n_${p}_${i}`, kind: 'next', source: id(p), target: nodeId });
    if (s.maxAttempts > 1) {
      edges.push({ id: `r_${i}`, kind: 'retry', source: nodeId, target: nodeId, retry: { maxAttempts: s.maxAttempts, initialDelayMs: 100, jitter: 'full' } });
    }
    if (s.fallback) {
      nodes.push(http(`${nodeId}_fb`));
      edges.push({ id: `f_${i}`, kind: 'fallback', source: nodeId, target: `${nodeId}_fb` });
      world.upstream.script('POST', `/svc/${caseId}/${nodeId}_fb`, s.fallbackScript.map(step));
    }
    if (s.compensate) {
      nodes.push(http(`${nodeId}_undo`));
      edges.push({ id: `c_${i}`, kind: 'compensate', source: nodeId, target: `${nodeId}_undo` });
      world.upstream.script('POST', `/svc/${caseId}/${nodeId}_undo`, s.compensateScript.map(step));
    }
    if (s.kind === 'http') world.upstream.script('POST', `/svc/${caseId}/${nodeId}`, s.script.map(step));
  });
  return { schemaVersion: 1, name: caseId, nodes, edges };
}

const FINAL = new Set(['succeeded', 'failed', 'skipped', 'compensated', 'compensation_failed', 'cancelled']);
const TERMINAL = new Set(['succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled']);

describe('property: random DAGs with random failure scripts', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ seed: 7 });
    await registerIntegrations(world, ['svc']);
  });
  afterAll(() => world.close());

  it('ends every run terminal, every node final, and never runs a node before its predecessors', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(dagCase, async (specs) => {
        const caseId = `case${++cases}`;
        await world.store.createWorkflow(caseId, buildWorkflow(world, caseId, specs), world.clock.now());
        const started = await world.engine.startRun({ workflowId: caseId, trigger: { kind: 'manual', body: {} } });
        const run = await runToEnd(world, started.id);
        expect(TERMINAL.has(run.status)).toBe(true);
        const nodes = new Map<string, NodeRunRecord>((await world.store.listNodeRuns(run.id)).map((n) => [n.nodeId, n]));
        for (const n of nodes.values()) expect(FINAL.has(n.status), `${n.nodeId} ended ${n.status}`).toBe(true);

        const requests = world.upstream.requests.filter((r) => r.path.startsWith(`/svc/${caseId}/`));
        const firstRequest = (nodeId: string) => requests.findIndex((r) => r.path === `/svc/${caseId}/${nodeId}`);
        const lastRequest = (nodeId: string) => requests.map((r) => r.path).lastIndexOf(`/svc/${caseId}/${nodeId}`);
        for (const [index, s] of specs.entries()) {
          const nodeId = id(index + 1);
          const node = nodes.get(nodeId)!;
          const attempts = await world.store.listAttempts(run.id, nodeId);
          // Retries stay within maxAttempts; a node that ran has as many attempts as requests.
          expect(attempts.length).toBeLessThanOrEqual(s.maxAttempts);
          // Every case shares one integration, so its breaker opens now and then: an attempt it
          // refuses (circuit_open) sent nothing; every other attempt sent one request.
          const refused = attempts.filter((a) => a.error?.category === 'circuit_open');
          for (const a of refused) expect(a.request).toBeNull();
          if (s.kind === 'http') expect(requests.filter((r) => r.path === `/svc/${caseId}/${nodeId}`).length).toBe(attempts.length - refused.length);
          for (const p of s.preds) {
            const pred = nodes.get(id(p))!;
            // No node runs before its predecessors have finished.
            if (attempts.length > 0) expect(pred.finishedAt).not.toBeNull();
            if (attempts.length > 0) expect(attempts[0]!.startedAt).toBeGreaterThanOrEqual(pred.finishedAt!);
            if (p > 0 && specs[p - 1]!.kind === 'http' && s.kind === 'http' && firstRequest(nodeId) >= 0) {
              expect(firstRequest(nodeId)).toBeGreaterThan(lastRequest(id(p)));
            }
          }
          // A node skipped or never reached has no attempts.
          if (node.status === 'skipped') expect(attempts).toHaveLength(0);
        }
        // A succeeded run left no main node failed with onFailure "fail".
        if (run.status === 'succeeded') {
          for (const [index, s] of specs.entries()) {
            const node = nodes.get(id(index + 1))!;
            if (node.status === 'failed') expect(s.onFailure).toBe('continue');
          }
        }
        // Compensations ran in reverse order of completion.
        const undone = [...nodes.values()]
          .filter((n) => n.status === 'compensated' || n.status === 'compensation_failed')
          .filter((n) => /^m\d+$/.test(n.nodeId))
          .sort((a, b) => (b.completedSeq ?? 0) - (a.completedSeq ?? 0));
        const undoOrder = requests.filter((r) => r.path.endsWith('_undo') || r.path.endsWith('_fb_undo'));
        const firstUndo = (nodeId: string) => undoOrder.findIndex((r) => r.path.includes(`/${nodeId}_`));
        for (let k = 1; k < undone.length; k++) {
          const a = firstUndo(undone[k - 1]!.nodeId);
          const b = firstUndo(undone[k]!.nodeId);
          if (a >= 0 && b >= 0) expect(a).toBeLessThan(b);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
