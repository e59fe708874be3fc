import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '@switchyard/engine';
import type { Engine, Logger } from '@switchyard/engine';
import { createNodeRegistry, nodeDefinitions } from '@switchyard/nodes';
import type { ClosableNodeRegistry } from '@switchyard/nodes';
import { validateWorkflow } from '@switchyard/schema';
import type { Workflow } from '@switchyard/schema';
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { SqliteStore } from '@switchyard/store-sqlite';
import { FakeClock, SeededRandom } from '@switchyard/testkit';
import { scheduleKey } from '../src/schedules/fire.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../src/schedules/scheduler.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function scheduledWorkflow(params: Record<string, unknown>): Workflow {
  const result = validateWorkflow(
    {
      schemaVersion: 1,
      name: 'Scheduled',
      nodes: [
        { id: 'tick', type: 'trigger.schedule', params },
        { id: 'stamp', type: 'transform', params: { expression: '{{ { "kind": $trigger.kind, "at": $trigger.firedAt } }}' } },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 'tick', target: 'stamp' }],
    },
    nodeDefinitions,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.workflow;
}

/** One process: a real engine and scheduler over a SQLite file, on the shared fake clock. */
interface Proc {
  store: SqliteStore;
  engine: Engine;
  scheduler: Scheduler;
  registry: ClosableNodeRegistry;
  warnings: string[];
  stop(): Promise<void>;
}

describe('the scheduler', () => {
  let dir: string;
  let clock: FakeClock;
  const procs: Proc[] = [];

  async function startProc(options: SchedulerOptions = {}): Promise<Proc> {
    const store = openSqliteStore({ path: path.join(dir, 'switchyard.db') });
    const registry = createNodeRegistry();
    const warnings: string[] = [];
    const log: Logger = { info() {}, warn: (_obj, msg) => warnings.push(msg ?? ''), error: (_obj, msg) => warnings.push(`error: ${msg ?? ''}`) };
    const engine = createEngine({ store, clock, random: new SeededRandom(7), nodes: registry, log });
    await engine.start();
    const scheduler = createScheduler({ store, engine, clock, log, options });
    await scheduler.start();
    let stopped = false;
    const proc: Proc = {
      store,
      engine,
      scheduler,
      registry,
      warnings,
      async stop() {
        if (stopped) return;
        stopped = true;
        await scheduler.stop();
        await engine.idle();
        await engine.stop();
        await registry.close();
        await store.close();
      },
    };
    procs.push(proc);
    return proc;
  }

  function setup(startIso: string): void {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-scheduler-'));
    clock = new FakeClock(Date.parse(startIso));
  }

  afterEach(async () => {
    for (const proc of procs.splice(0)) await proc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Moves the clock to `iso`, letting every timer on the way fire and every fire and run settle. */
  async function advanceTo(proc: Proc, iso: string): Promise<void> {
    const target = Date.parse(iso);
    for (let next = clock.nextTimerAt(); next !== undefined && next <= target; next = clock.nextTimerAt()) {
      clock.advanceTo(Math.max(next, clock.now()));
      await proc.scheduler.idle();
      await proc.engine.idle();
    }
    clock.advanceTo(target);
    await proc.scheduler.idle();
    await proc.engine.idle();
  }

  async function firedAts(proc: Proc, workflowId: string): Promise<string[]> {
    const { items } = await proc.store.listRuns({ workflowId, limit: 1000 });
    return items.map((r) => (r.trigger.kind === 'schedule' ? r.trigger.firedAt : `not a schedule: ${r.trigger.kind}`)).sort();
  }

  async function activate(proc: Proc, id: string, params: Record<string, unknown>): Promise<void> {
    await proc.store.createWorkflow(id, scheduledWorkflow(params), clock.now());
    await proc.store.setWorkflowActive(id, true, clock.now());
    await proc.scheduler.refresh(id);
  }

  const nextFireIso = (proc: Proc, id: string): string | undefined => {
    const at = proc.scheduler.nextFireAt(id);
    return at === undefined ? undefined : new Date(at).toISOString();
  };

  it('fires at the local time of its time zone across the spring DST change (Europe/Paris)', async () => {
    setup('2025-03-28T12:00:00.000Z');
    const proc = await startProc();
    await activate(proc, 'wf_paris', { cron: '0 9 * * *', timezone: 'Europe/Paris' });
    await activate(proc, 'wf_gap', { cron: '30 2 * * *', timezone: 'Europe/Paris' });
    expect(nextFireIso(proc, 'wf_paris')).toBe('2025-03-29T08:00:00.000Z');
    // A day away, the clock is only ever armed an hour ahead.
    expect((clock.nextTimerAt() ?? 0) - clock.now()).toBeLessThanOrEqual(HOUR);

    await advanceTo(proc, '2025-04-01T12:00:00.000Z');
    // 09:00 is 08:00Z in CET, 07:00Z in CEST from Sunday 30 March on.
    expect(await firedAts(proc, 'wf_paris')).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z', '2025-04-01T07:00:00.000Z']);
    // 02:30 did not exist on 30 March: that day's run is at 03:00 CEST, the first time after the gap.
    expect(await firedAts(proc, 'wf_gap')).toEqual(['2025-03-29T01:30:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-31T00:30:00.000Z', '2025-04-01T00:30:00.000Z']);

    const { items } = await proc.store.listRuns({ workflowId: 'wf_paris', limit: 1 });
    const run = items[0];
    expect(run).toMatchObject({ status: 'succeeded', trigger: { kind: 'schedule', firedAt: '2025-04-01T07:00:00.000Z' } });
    const stamp = (await proc.store.listNodeRuns(run?.id ?? '')).find((n) => n.nodeId === 'stamp');
    expect(stamp?.output).toEqual({ kind: 'schedule', at: '2025-04-01T07:00:00.000Z' });
    expect(proc.warnings).toEqual([]);
  });

  it('fires every 15 seconds with a 6-field expression', async () => {
    setup('2025-01-01T00:00:00.000Z');
    const proc = await startProc();
    await activate(proc, 'wf_secs', { cron: '*/15 * * * * *' });
    await advanceTo(proc, '2025-01-01T00:01:05.000Z');
    expect(await firedAts(proc, 'wf_secs')).toEqual(['2025-01-01T00:00:15.000Z', '2025-01-01T00:00:30.000Z', '2025-01-01T00:00:45.000Z', '2025-01-01T00:01:00.000Z']);
    expect(nextFireIso(proc, 'wf_secs')).toBe('2025-01-01T00:01:15.000Z');
  });

  it('owes nothing from before the activation, and stops when deactivated or deleted', async () => {
    setup('2025-01-01T00:00:30.000Z');
    const proc = await startProc();
    await activate(proc, 'wf_a', { cron: '* * * * *' });
    await activate(proc, 'wf_b', { cron: '* * * * *' });
    await advanceTo(proc, '2025-01-01T00:02:10.000Z');
    expect(await firedAts(proc, 'wf_a')).toEqual(['2025-01-01T00:01:00.000Z', '2025-01-01T00:02:00.000Z']);

    await proc.store.setWorkflowActive('wf_a', false, clock.now());
    await proc.scheduler.refresh('wf_a');
    await proc.store.deleteWorkflow('wf_b', clock.now());
    await proc.scheduler.refresh('wf_b');
    expect(proc.scheduler.nextFireAt('wf_a')).toBeUndefined();
    expect(proc.scheduler.nextFireAt('wf_b')).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
    await advanceTo(proc, '2025-01-01T00:05:00.000Z');
    expect(await firedAts(proc, 'wf_a')).toHaveLength(2);
    expect(await firedAts(proc, 'wf_b')).toHaveLength(2);

    // Active again at 00:05:20: 00:05 passed while it was inactive and is not owed.
    clock.advanceTo(Date.parse('2025-01-01T00:05:20.000Z'));
    await proc.store.setWorkflowActive('wf_a', true, clock.now());
    await proc.scheduler.refresh('wf_a');
    expect(nextFireIso(proc, 'wf_a')).toBe('2025-01-01T00:06:00.000Z');
  });

  it('re-plans when an update changes the schedule, and keeps the plan when it does not', async () => {
    setup('2025-01-01T00:00:00.000Z');
    const proc = await startProc();
    await activate(proc, 'wf_u', { cron: '0 * * * *' });
    expect(nextFireIso(proc, 'wf_u')).toBe('2025-01-01T01:00:00.000Z');
    clock.advanceTo(Date.parse('2025-01-01T00:07:00.000Z'));

    // Another version with the same trigger (a renamed workflow): same plan.
    await proc.store.updateWorkflow('wf_u', { ...scheduledWorkflow({ cron: '0 * * * *' }), name: 'Renamed' }, clock.now());
    await proc.scheduler.refresh('wf_u');
    expect(nextFireIso(proc, 'wf_u')).toBe('2025-01-01T01:00:00.000Z');

    await proc.store.updateWorkflow('wf_u', scheduledWorkflow({ cron: '*/10 * * * *' }), clock.now());
    await proc.scheduler.refresh('wf_u');
    expect(nextFireIso(proc, 'wf_u')).toBe('2025-01-01T00:10:00.000Z');
    await advanceTo(proc, '2025-01-01T00:25:00.000Z');
    expect(await firedAts(proc, 'wf_u')).toEqual(['2025-01-01T00:10:00.000Z', '2025-01-01T00:20:00.000Z']);
    const { items } = await proc.store.listRuns({ workflowId: 'wf_u', limit: 10 });
    expect(items.every((r) => r.workflowVersion === 3)).toBe(true);

    // A version without a schedule trigger stops it.
    const manual = validateWorkflow({ schemaVersion: 1, name: 'Manual now', nodes: [{ id: 'go', type: 'trigger.manual', params: {} }], edges: [] }, nodeDefinitions);
    if (!manual.ok) throw new Error('invalid fixture');
    await proc.store.updateWorkflow('wf_u', manual.workflow, clock.now());
    await proc.scheduler.refresh('wf_u');
    expect(proc.scheduler.nextFireAt('wf_u')).toBeUndefined();
  });

  it('follows the store when a workflow changed without a refresh, rather than its old plan', async () => {
    setup('2025-01-01T00:00:00.000Z');
    const proc = await startProc();
    await activate(proc, 'wf_s', { cron: '* * * * *' });
    // Deactivated without telling the scheduler (as by another process): at the due time it reads the store and stops.
    await proc.store.setWorkflowActive('wf_s', false, clock.now());
    await advanceTo(proc, '2025-01-01T00:03:00.000Z');
    expect(await firedAts(proc, 'wf_s')).toEqual([]);
    expect(proc.scheduler.nextFireAt('wf_s')).toBeUndefined();
  });

  it('fires no scheduled time twice across a restart over the same SQLite file', async () => {
    setup('2025-01-01T00:00:30.000Z');
    const first = await startProc();
    await activate(first, 'wf_r', { cron: '* * * * *' });
    await advanceTo(first, '2025-01-01T00:01:20.000Z');
    expect(await firedAts(first, 'wf_r')).toEqual(['2025-01-01T00:01:00.000Z']);

    // The process dies right after committing the 00:02 run, before recording the fire: its
    // scheduler is stopped and the run is started as the scheduler would, key claimed first.
    await first.scheduler.stop();
    clock.advanceTo(Date.parse('2025-01-01T00:02:00.000Z'));
    const firedAt = '2025-01-01T00:02:00.000Z';
    const { scope, key } = scheduleKey('wf_r', 'tick', firedAt);
    const runId = '01900000-0000-7000-8000-000000000002';
    await first.store.claimIdempotencyKey({ scope, key, runId, response: null, createdAt: clock.now() });
    await first.engine.startRun({ workflowId: 'wf_r', trigger: { kind: 'schedule', firedAt }, runId });
    await first.stop();

    // Back 40 s later: 00:02 is within the catch-up window but already has its run.
    clock.advanceTo(Date.parse('2025-01-01T00:02:40.000Z'));
    const second = await startProc();
    await second.scheduler.idle();
    await second.engine.idle();
    expect(await firedAts(second, 'wf_r')).toEqual(['2025-01-01T00:01:00.000Z', '2025-01-01T00:02:00.000Z']);
    expect((await second.store.getScheduleFire('wf_r', 'tick'))?.lastFiredAt).toBe(Date.parse(firedAt));
    expect(nextFireIso(second, 'wf_r')).toBe('2025-01-01T00:03:00.000Z');
    await advanceTo(second, '2025-01-01T00:03:30.000Z');
    await second.stop();

    // A clean restart within the same minute: 00:03 was recorded as fired and stays single.
    const third = await startProc();
    await third.scheduler.idle();
    await third.engine.idle();
    expect(await firedAts(third, 'wf_r')).toEqual(['2025-01-01T00:01:00.000Z', '2025-01-01T00:02:00.000Z', '2025-01-01T00:03:00.000Z']);
  });

  it('after downtime fires only the latest missed time, and only within the catch-up window', async () => {
    setup('2025-01-01T00:00:30.000Z');
    const first = await startProc({ catchUpWindowMs: 5 * MINUTE });
    await activate(first, 'wf_d', { cron: '* * * * *' });
    await advanceTo(first, '2025-01-01T00:01:10.000Z');
    await first.stop();

    // Down through 00:02, 00:03 and 00:04; back at 00:04:30: only 00:04 fires, at once.
    clock.advanceTo(Date.parse('2025-01-01T00:04:30.000Z'));
    const second = await startProc({ catchUpWindowMs: 5 * MINUTE });
    await second.scheduler.idle();
    await second.engine.idle();
    expect(await firedAts(second, 'wf_d')).toEqual(['2025-01-01T00:01:00.000Z', '2025-01-01T00:04:00.000Z']);
    expect(nextFireIso(second, 'wf_d')).toBe('2025-01-01T00:05:00.000Z');
    await second.stop();

    // Down for an hour, back at 01:04:45: every missed time is older than the (30 s) window, none fires, and the log says so.
    clock.advanceTo(Date.parse('2025-01-01T01:04:45.000Z'));
    const third = await startProc({ catchUpWindowMs: 30_000 });
    await third.scheduler.idle();
    await third.engine.idle();
    expect(await firedAts(third, 'wf_d')).toHaveLength(2);
    expect(nextFireIso(third, 'wf_d')).toBe('2025-01-01T01:05:00.000Z');
    expect(third.warnings).toEqual(['scheduled times passed while the server was down; they are not fired, except the latest if it is within the catch-up window']);
  });

  it('starts the next run while the previous one is still running (no skipping on overlap)', async () => {
    setup('2025-01-01T00:00:00.000Z');
    const proc = await startProc();
    const slow = validateWorkflow(
      {
        schemaVersion: 1,
        name: 'Slow',
        nodes: [
          { id: 'tick', type: 'trigger.schedule', params: { cron: '* * * * *' } },
          { id: 'wait', type: 'delay', params: { ms: 90_000 } },
        ],
        edges: [{ id: 'e1', kind: 'next', source: 'tick', target: 'wait' }],
      },
      nodeDefinitions,
    );
    if (!slow.ok) throw new Error('invalid fixture');
    await proc.store.createWorkflow('wf_slow', slow.workflow, clock.now());
    await proc.store.setWorkflowActive('wf_slow', true, clock.now());
    await proc.scheduler.refresh('wf_slow');
    await advanceTo(proc, '2025-01-01T00:02:00.000Z');
    const { items } = await proc.store.listRuns({ workflowId: 'wf_slow', limit: 10 });
    expect(items.map((r) => r.status)).toEqual(['waiting', 'waiting']);
  });
});
