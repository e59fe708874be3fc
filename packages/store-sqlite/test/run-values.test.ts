import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeRunRecord, RunRecord, Trigger } from '@switchyard/engine';
import { openAttemptRecord, pendingNodeRecord, runRecord } from '@switchyard/testkit';
import { tempDb, type TempDb } from './support/temp-db.js';

/** Bytes of JSON text the run's rows hold, by column, read straight from the file. */
function storedChars(file: string): { columns: number; values: number; valueRows: number } {
  const raw = new Database(file, { readonly: true });
  try {
    const runs = raw.prepare<[], { n: number }>('SELECT COALESCE(SUM(length(trigger)), 0) AS n FROM runs').get()!.n;
    const nodes = raw.prepare<[], { n: number }>('SELECT COALESCE(SUM(length(input)), 0) + COALESCE(SUM(length(output)), 0) AS n FROM node_runs').get()!.n;
    const values = raw.prepare<[], { n: number; rows: number }>('SELECT COALESCE(SUM(length(json)), 0) AS n, COUNT(*) AS rows FROM run_values').get()!;
    return { columns: runs + nodes, values: values.n, valueRows: values.rows };
  } finally {
    raw.close();
  }
}

describe('large run values', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  const body = { note: 'x'.repeat(2 * 1024 * 1024) };
  const trigger: Trigger = { kind: 'webhook', body, headers: {}, query: {}, method: 'POST', path: 'big', receivedAt: '2026-12-07T00:00:00.000Z' };

  /** A webhook run as the engine writes it: the trigger is the run's, the trigger node's input and output, and the next node's input. */
  function bigRun(id: string): { run: RunRecord; nodes: NodeRunRecord[] } {
    const run = { ...runRecord(id), trigger };
    const nodes = [
      pendingNodeRecord(id, 'hook', { status: 'succeeded', source: 'self', input: trigger, output: trigger }),
      pendingNodeRecord(id, 'shape', { status: 'running', input: trigger }),
    ];
    return { run, nodes };
  }

  it('a webhook body the run holds four times is stored once, and reads back whole', async () => {
    db = tempDb();
    const store = db.open();
    const { run, nodes } = bigRun('run_big');
    await store.commit({ created: { run, nodes }, attempts: [openAttemptRecord('run_big', 'shape', 1, 1)] });
    const size = JSON.stringify(trigger).length;
    const stored = storedChars(db.file);
    expect(stored.valueRows).toBe(1);
    expect(stored.values).toBe(size);
    expect(stored.columns).toBeLessThan(1024);

    const loaded = await store.loadRun('run_big');
    expect(loaded?.run.trigger).toStrictEqual(trigger);
    expect(loaded?.nodes.find((n) => n.nodeId === 'hook')).toMatchObject({ input: trigger, output: trigger });
    expect(loaded?.nodes.find((n) => n.nodeId === 'shape')?.input).toStrictEqual(trigger);
    await store.close();
  });

  it('a viewer gets a large value as the start of its text, cut by the store; small values whole', async () => {
    db = tempDb();
    const store = db.open();
    const { run, nodes } = bigRun('run_big');
    nodes.push(pendingNodeRecord('run_big', 'small', { status: 'succeeded', output: { ok: true } }));
    await store.commit({ created: { run, nodes } });
    const previews = await store.listNodeRunPreviews('run_big', 100);
    const hook = previews.find((p) => p.node.nodeId === 'hook')!;
    expect(hook.node).toMatchObject({ status: 'succeeded', input: null, output: null });
    expect(hook.cut.output).toBe(JSON.stringify(trigger).slice(0, 100));
    expect(hook.cut.input).toBe(JSON.stringify(trigger).slice(0, 100));
    expect(previews.find((p) => p.node.nodeId === 'small')).toStrictEqual({ node: expect.objectContaining({ output: { ok: true } }), cut: {} });
    // A limit beyond the value's length cuts nothing: the value comes whole.
    const whole = await store.listNodeRunPreviews('run_big', 10 * 1024 * 1024);
    expect(whole.find((p) => p.node.nodeId === 'hook')).toMatchObject({ node: { output: trigger }, cut: {} });
    await store.close();
  });

  it('small values stay in their columns; the same large value in two runs is one row until neither refers to it', async () => {
    db = tempDb();
    const store = db.open();
    await store.commit({ created: bigRun('run_a') });
    await store.commit({ created: bigRun('run_b') });
    await store.commit({ created: { run: runRecord('run_small'), nodes: [pendingNodeRecord('run_small', 'a', { output: { small: true } })] } });
    expect(storedChars(db.file).valueRows).toBe(1);
    expect(await store.pruneUnreferencedValues()).toBe(0);

    const raw = new Database(db.file);
    raw.pragma('foreign_keys = ON');
    const drop = (id: string): void => {
      raw.prepare('DELETE FROM node_runs WHERE run_id = ?').run(id);
      raw.prepare('DELETE FROM attempts WHERE run_id = ?').run(id);
      raw.prepare('DELETE FROM runs WHERE id = ?').run(id);
    };
    drop('run_a');
    expect(await store.pruneUnreferencedValues()).toBe(0);
    drop('run_b');
    raw.close();
    expect(await store.pruneUnreferencedValues()).toBe(1);
    expect(storedChars(db.file).valueRows).toBe(0);
    expect((await store.loadRun('run_small'))?.nodes[0]?.output).toStrictEqual({ small: true });
    await store.close();
  });
});
