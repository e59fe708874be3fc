import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@switchyard/testkit';
import { scheduleWorkflow } from './support/fixtures.js';
import { startHarness, type Harness, type LooseJson } from './support/harness.js';

describe('schedule triggers through the HTTP API', () => {
  const clock = new FakeClock(Date.parse('2025-03-29T12:00:10.000Z'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-schedules-'));
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock, dataDir });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Moves business time to `iso` and waits until the fires and runs it caused have settled. */
  async function advanceTo(iso: string): Promise<void> {
    const target = Date.parse(iso);
    for (let next = clock.nextTimerAt(); next !== undefined && next <= target; next = clock.nextTimerAt()) {
      clock.advanceTo(Math.max(next, clock.now()));
      await h.server.scheduler.idle();
      await h.server.engine.idle();
    }
    clock.advanceTo(target);
    await h.server.scheduler.idle();
    await h.server.engine.idle();
  }

  const runsOf = async (workflowId: string): Promise<LooseJson[]> => (await h.api('GET', `/api/runs?workflowId=${workflowId}`)).json.items;
  /** The full trigger of each run of the workflow (a summary shows only its kind), oldest scheduled time first. */
  const triggersOf = async (workflowId: string): Promise<LooseJson[]> => {
    const triggers: LooseJson[] = [];
    for (const summary of await runsOf(workflowId)) {
      expect(summary.trigger).toEqual({ kind: 'schedule' });
      triggers.push((await h.api('GET', `/api/runs/${summary.id}`)).json.trigger);
    }
    return triggers.sort((a: LooseJson, b: LooseJson) => String(a.firedAt).localeCompare(String(b.firedAt)));
  };

  it('refuses an invalid cron expression with an issue at params.cron', async () => {
    const res = await h.api('POST', '/api/workflows', scheduleWorkflow({ cron: '0 25 * * *' }));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_workflow');
    expect(res.json.error.details.issues).toContainEqual(expect.objectContaining({ path: ['nodes', 0, 'params', 'cron'], message: 'not a valid cron expression: invalid value for hour: 25' }));
  });

  it('fires an active workflow at each scheduled time with $trigger.kind "schedule", and stops when deactivated', async () => {
    const created = await h.api('POST', '/api/workflows', scheduleWorkflow({ cron: '*/30 * * * * *', timezone: 'Europe/Paris' }));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json.nextFireAt).toBeUndefined();

    const activated = await h.api('POST', `/api/workflows/${id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.json.nextFireAt).toBe('2025-03-29T12:00:30.000Z');
    expect((await h.api('GET', `/api/workflows/${id}`)).json.nextFireAt).toBe('2025-03-29T12:00:30.000Z');
    const listed = (await h.api('GET', '/api/workflows')).json.items.find((w: LooseJson) => w.id === id);
    expect(listed).toMatchObject({ active: true, nextFireAt: '2025-03-29T12:00:30.000Z' });

    await advanceTo('2025-03-29T12:01:10.000Z');
    expect(await triggersOf(id)).toEqual([
      { kind: 'schedule', firedAt: '2025-03-29T12:00:30.000Z' },
      { kind: 'schedule', firedAt: '2025-03-29T12:01:00.000Z' },
    ]);
    const runs = await runsOf(id);
    const run = await h.api('GET', `/api/runs/${runs[0].id}`);
    expect(run.json.status).toBe('succeeded');
    const seen = run.json.nodes.find((n: LooseJson) => n.nodeId === 'seen');
    expect(seen.output).toEqual({ kind: 'schedule', firedAt: run.json.trigger.firedAt });

    const deactivated = await h.api('POST', `/api/workflows/${id}/deactivate`);
    expect(deactivated.json.nextFireAt).toBeUndefined();
    await advanceTo('2025-03-29T12:05:00.000Z');
    expect(await runsOf(id)).toHaveLength(2);
  });

  it('re-plans on update, and after a restart fires the time it missed once', async () => {
    const created = await h.api('POST', '/api/workflows', scheduleWorkflow({ cron: '0 * * * *' }));
    const id = created.json.id as string;
    expect((await h.api('POST', `/api/workflows/${id}/activate`)).json.nextFireAt).toBe('2025-03-29T13:00:00.000Z');
    const updated = await h.api('PUT', `/api/workflows/${id}`, scheduleWorkflow({ cron: '*/10 * * * *' }));
    expect(updated.status).toBe(200);
    expect(updated.json.nextFireAt).toBe('2025-03-29T12:10:00.000Z');

    // The server stops before 12:10 and comes back at 12:11 over the same data: 12:10 fires once, at start.
    await h.close();
    clock.advanceTo(Date.parse('2025-03-29T12:11:00.000Z'));
    h = await startHarness({ clock, dataDir });
    await h.server.scheduler.idle();
    await h.server.engine.idle();
    expect(await triggersOf(id)).toEqual([{ kind: 'schedule', firedAt: '2025-03-29T12:10:00.000Z' }]);
    expect((await h.api('GET', `/api/workflows/${id}`)).json.nextFireAt).toBe('2025-03-29T12:20:00.000Z');

    expect((await h.api('DELETE', `/api/workflows/${id}`)).status).toBe(204);
    await advanceTo('2025-03-29T12:30:00.000Z');
    expect(await runsOf(id)).toHaveLength(1);
  });
});
