import { describe, expect, it, vi } from 'vitest';
import { applyRunEvent, runEnded, subscribeRunEvents, type EventSourceLike } from './run-events';
import { fixtureRun } from './fixture';

describe('applyRunEvent', () => {
  it('takes the summary of a run event and keeps the full trigger and nodes', () => {
    const detail = { ...fixtureRun(), status: 'running' as const, finishedAt: null };
    const next = applyRunEvent(detail, {
      type: 'run',
      run: { id: 'run_1', workflowId: 'order_saga', workflowVersion: 3, status: 'failed', degraded: false, trigger: { kind: 'webhook' }, startedAt: detail.startedAt, finishedAt: '2026-11-28T10:00:05.000Z' },
    });
    expect(next.status).toBe('failed');
    expect(next.finishedAt).toBe('2026-11-28T10:00:05.000Z');
    expect(next.trigger).toEqual({ kind: 'webhook', body: { orderId: 'o-1' } });
    expect(next.nodes).toBe(detail.nodes);
    expect(detail.status).toBe('running');
  });

  it('replaces a node by id, immutably, keeping its compensation when the event has none', () => {
    const detail = fixtureRun();
    const charge = detail.nodes[1]!;
    const next = applyRunEvent(detail, { type: 'node', node: { ...charge, status: 'compensating', compensation: null } });
    expect(next.nodes[1]).toMatchObject({ nodeId: 'charge', status: 'compensating', compensation: { nodeId: 'refund_backup', status: 'succeeded' } });
    expect(next.nodes).not.toBe(detail.nodes);
    expect(detail.nodes[1]!.status).toBe('compensated');
    expect(next.nodes[0]).toBe(detail.nodes[0]);
  });

  it('adds a node it did not know', () => {
    const detail = fixtureRun();
    const next = applyRunEvent(detail, { type: 'node', node: { ...detail.nodes[0]!, nodeId: 'late' } });
    expect(next.nodes.map((n) => n.nodeId)).toContain('late');
  });

  it('is idempotent: a replayed event changes nothing', () => {
    const detail = fixtureRun();
    const event = { type: 'node' as const, node: { ...detail.nodes[6]!, status: 'running' as const } };
    const once = applyRunEvent(detail, event);
    expect(applyRunEvent(once, event)).toEqual(once);
  });

  it('knows when a run ended', () => {
    expect(runEnded({ status: 'waiting' })).toBe(false);
    expect(runEnded({ status: 'needs_attention' })).toBe(true);
  });
});

class FakeSource implements EventSourceLike {
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  onerror: EventSourceLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: string): void {
    this.listeners.get(type)?.(new MessageEvent(type, { data }));
  }
  fail(): void {
    this.onerror?.call(this as unknown as EventSource, new Event('error'));
  }
}

describe('subscribeRunEvents', () => {
  it('parses run and node events and closes after the run ended and the stream closed', () => {
    let source: FakeSource | undefined;
    const events: string[] = [];
    const onEnd = vi.fn();
    const onError = vi.fn();
    subscribeRunEvents('r/1', (e) => events.push(e.type === 'run' ? `run:${e.run.status}` : `node:${e.node.nodeId}`), {
      factory: (url) => (source = new FakeSource(url)),
      onEnd,
      onError,
    });
    expect(source!.url).toBe('/api/runs/r%2F1/events');
    source!.emit('run', JSON.stringify({ ...fixtureRun(), nodes: undefined, status: 'running' }));
    source!.fail();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(source!.closed).toBe(false);
    source!.emit('node', JSON.stringify(fixtureRun().nodes[0]));
    source!.emit('node', 'not json');
    source!.emit('run', JSON.stringify({ ...fixtureRun(), nodes: undefined, status: 'failed' }));
    // Node states sent after the ending run event still arrive.
    source!.emit('node', JSON.stringify(fixtureRun().nodes[1]));
    expect(source!.closed).toBe(false);
    source!.fail();
    expect(source!.closed).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(events).toEqual(['run:running', 'node:in', 'run:failed', 'node:charge']);
  });

  it('closes on unsubscribe', () => {
    let source: FakeSource | undefined;
    const stop = subscribeRunEvents('r', () => {}, { factory: (url) => (source = new FakeSource(url)) });
    stop();
    expect(source!.closed).toBe(true);
  });
});
