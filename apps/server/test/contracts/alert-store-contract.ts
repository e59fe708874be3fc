import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRule } from '@switchyard/schema';
import type { AlertRecord, AlertStore } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

const rule = (name: string): AlertRule => ({ name, condition: { kind: 'breaker_opened' }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: 'https://hooks.example/alerts' }] }] });

const alert = (id: string, overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  ruleId: 'r1',
  subject: 'pay',
  status: 'firing',
  level: 0,
  openedAt: 10,
  lastSeenAt: 10,
  occurrences: 1,
  acknowledgedAt: null,
  resolvedAt: null,
  context: { reason: 'failures' },
  deliveries: [],
  ...overrides,
});

/** The AlertStore port's contract, for every implementation. */
export function describeAlertStoreContract(name: string, makeStore: MakeStore<AlertStore>): void {
  describe(`AlertStore contract: ${name}`, () => {
    let harness: PortHarness<AlertStore>;
    let store: AlertStore;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('stores rules by id (an update keeps createdAt), lists them by id and deletes them', async () => {
      await store.putAlertRule({ id: 'r2', rule: rule('Two'), createdAt: 1, updatedAt: 1 });
      await store.putAlertRule({ id: 'r1', rule: rule('One'), createdAt: 2, updatedAt: 2 });
      await store.putAlertRule({ id: 'r2', rule: rule('Two, edited'), createdAt: 9, updatedAt: 9 });
      expect(await store.getAlertRule('r2')).toStrictEqual({ id: 'r2', rule: rule('Two, edited'), createdAt: 1, updatedAt: 9 });
      expect((await store.listAlertRules()).map((r) => r.id)).toStrictEqual(['r1', 'r2']);
      expect(await store.deleteAlertRule('r2')).toBe(true);
      expect(await store.deleteAlertRule('r2')).toBe(false);
      expect(await store.getAlertRule('r2')).toBeUndefined();
    });

    it('stores an alert as given and updates its state, deliveries and context in place', async () => {
      await store.putAlert(alert('a1'));
      expect(await store.getAlert('a1')).toStrictEqual(alert('a1'));
      const delivered = alert('a1', {
        status: 'acknowledged',
        level: 1,
        lastSeenAt: 20,
        occurrences: 3,
        acknowledgedAt: 15,
        context: { reason: 'still failing' },
        deliveries: [{ level: 0, channelIndex: 0, event: 'opened', channel: 'webhook https://hooks.example/alerts', at: 11, ok: true, detail: '200', tries: 1 }],
      });
      await store.putAlert(delivered);
      expect(await store.getAlert('a1')).toStrictEqual(delivered);
      expect(await store.getAlert('nope')).toBeUndefined();
    });

    it('openAlert answers the unresolved alert of a rule and subject', async () => {
      await store.putAlert(alert('old', { status: 'resolved', resolvedAt: 5, openedAt: 1 }));
      expect(await store.openAlert('r1', 'pay')).toBeUndefined();
      await store.putAlert(alert('new', { openedAt: 20 }));
      expect((await store.openAlert('r1', 'pay'))?.id).toBe('new');
      expect(await store.openAlert('r1', 'other')).toBeUndefined();
      expect(await store.openAlert('r2', 'pay')).toBeUndefined();
    });

    it('lists alerts newest first, by status and up to a limit; open ones oldest first', async () => {
      await store.putAlert(alert('a1', { subject: 's1', openedAt: 1 }));
      await store.putAlert(alert('a2', { subject: 's2', openedAt: 2, status: 'resolved', resolvedAt: 3 }));
      await store.putAlert(alert('a3', { subject: 's3', openedAt: 3, status: 'acknowledged', acknowledgedAt: 4 }));
      expect((await store.listAlerts({ limit: 10 })).map((a) => a.id)).toStrictEqual(['a3', 'a2', 'a1']);
      expect((await store.listAlerts({ limit: 2 })).map((a) => a.id)).toStrictEqual(['a3', 'a2']);
      expect((await store.listAlerts({ status: 'resolved', limit: 10 })).map((a) => a.id)).toStrictEqual(['a2']);
      expect((await store.listOpenAlerts()).map((a) => a.id)).toStrictEqual(['a1', 'a3']);
    });
  });
}
