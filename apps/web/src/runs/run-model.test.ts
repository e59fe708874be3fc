import { describe, expect, it } from 'vitest';
import { attemptsInOrder, formatDuration, listWords, nodeLook, resumePlan, runDurationMs, runLook, sourceWords, takenEdges } from './run-model';
import { fixtureRun, fixtureWorkflow } from './fixture';
import { NODE_STATUSES, RUN_STATUSES } from './types';
import type { RunNode } from './types';

describe('nodeLook', () => {
  it('gives every status a word and an icon, not only a colour', () => {
    for (const status of NODE_STATUSES) {
      const look = nodeLook({ status, source: null });
      expect(look.word.length).toBeGreaterThan(0);
      expect(look.icon.length).toBeGreaterThan(0);
      expect(look.colour).toMatch(/^var\(--color-[a-z]+, #[0-9a-f]{6}\)$/);
    }
  });

  it.each([
    ['succeeded', 'self', 'success', 'succeeded'],
    ['succeeded', 'fallback:b', 'fallback', 'via fallback'],
    ['succeeded', 'last_known_good', 'fallback', 'last known good'],
    ['retrying', null, 'retrying', 'retrying'],
    ['compensated', 'fallback:b', 'compensation', 'undone'],
    ['compensation_failed', null, 'failure', 'undo failed'],
    ['failed', null, 'failure', 'failed'],
    ['skipped', null, 'skipped', 'skipped'],
    ['running', null, 'running', 'running'],
    ['deferred', null, 'deferred', 'deferred'],
  ] as const)('%s from %s is %s (%s)', (status, source, tone, word) => {
    expect(nodeLook({ status, source })).toMatchObject({ tone, word });
  });
});

describe('runLook', () => {
  it('has a word for every run status and marks a degraded success orange', () => {
    for (const s of RUN_STATUSES) expect(runLook(s).word).not.toBe('');
    expect(runLook('succeeded', true)).toMatchObject({ tone: 'fallback', word: 'succeeded, degraded' });
    expect(runLook('failed', true).tone).toBe('failure');
  });
});

describe('takenEdges', () => {
  it('takes next edges of nodes with an output on the chosen handle, and failure edges whose target ran', () => {
    const run = fixtureRun();
    const taken = takenEdges(fixtureWorkflow.edges, fixtureWorkflow.nodes, run.nodes);
    expect([...taken].sort()).toEqual(['c2', 'e1', 'e2', 'e3', 'f1']);
  });

  it('takes the next edges of a failed node only with onFailure continue', () => {
    const nodes: RunNode[] = [{ ...fixtureRun().nodes[0]!, nodeId: 'a', status: 'failed' }];
    const edges = [{ id: 'x', kind: 'next' as const, source: 'a', target: 'b' }];
    expect(takenEdges(edges, [{ id: 'a' }], nodes).has('x')).toBe(false);
    expect(takenEdges(edges, [{ id: 'a', policy: { onFailure: 'continue' } }], nodes).has('x')).toBe(true);
  });

  it('does not take edges out of skipped or pending nodes', () => {
    const base = fixtureRun().nodes[0]!;
    const edges = [{ id: 'x', kind: 'next' as const, source: 'a', target: 'b' }];
    for (const status of ['skipped', 'pending', 'running', 'cancelled'] as const) {
      expect(takenEdges(edges, [{ id: 'a' }], [{ ...base, nodeId: 'a', status }]).size).toBe(0);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [null, '–'],
    [0, '0 ms'],
    [12, '12 ms'],
    [999, '999 ms'],
    [1500, '1.5 s'],
    [9999, '9.9 s'],
    [42_000, '42 s'],
    [60_000, '1 min'],
    [184_000, '3 min 4 s'],
    [7_500_000, '2 h 5 min'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
  ])('%s → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('run facts', () => {
  it('counts a live run up to now', () => {
    expect(runDurationMs({ startedAt: '2026-01-01T00:00:00Z', finishedAt: null }, Date.parse('2026-01-01T00:00:05Z'))).toBe(5000);
    expect(runDurationMs({ startedAt: null, finishedAt: null }, 0)).toBeNull();
  });

  it('lists attempts of all nodes oldest first', () => {
    const rows = attemptsInOrder(fixtureRun().nodes);
    expect(rows.map((r) => `${r.nodeId}#${r.attempt.number}`)).toEqual(['in#1', 'charge#1', 'charge#2', 'charge_backup#1', 'check#1', 'ship#1', 'refund_backup#1']);
  });

  it('describes sources in words', () => {
    expect(sourceWords('self')).toBeNull();
    expect(sourceWords('fallback:charge_backup')).toBe('output from fallback charge_backup');
    expect(sourceWords('last_known_good')).toContain('last known good');
  });
});

describe('resumePlan', () => {
  it('keeps standing successes and runs the rest again', () => {
    const plan = resumePlan(fixtureRun(), fixtureWorkflow.edges);
    expect(plan.allowed).toBe(true);
    expect(plan.keep).toEqual(['in', 'check']);
    expect(plan.again).toEqual(['charge', 'ship', 'hold']);
    expect(plan.afresh).toEqual(['charge_backup', 'refund', 'refund_backup']);
  });

  it('is not allowed for live or succeeded runs', () => {
    expect(resumePlan({ ...fixtureRun(), status: 'running' }).allowed).toBe(false);
    expect(resumePlan({ ...fixtureRun(), status: 'succeeded' }).allowed).toBe(false);
  });

  it('shortens long lists', () => {
    expect(listWords(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(listWords([])).toBe('none');
  });
});
