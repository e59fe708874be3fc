import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { RunPage } from './RunPage';
import { fixtureRun, fixtureWorkflow } from './fixture';
import { tableApi } from './test-api';
import type { EventSourceLike } from './run-events';

afterEach(cleanup);

function setup(run = fixtureRun()) {
  const { api, calls } = tableApi({
    'GET /api/runs/run_1': [200, run],
    'GET /api/workflows/order_saga/versions/3': [200, { ...fixtureWorkflow, id: 'order_saga', version: 3 }],
    'GET /api/runs/run_1/nodes/charge/attempts/2/response': [200, { status: 503, headers: {}, body: { error: 'unavailable', full: true }, truncated: false }],
    'POST /api/runs/run_1/resume': [202, { runId: 'run_1' }],
    'POST /api/runs/run_1/replay': [201, { runId: 'run_2' }],
  });
  render(<RunPage runId="run_1" api={api} />);
  return { calls };
}

describe('RunPage', () => {
  it('shows the banner and the version that ran, nodes coloured by status with words', async () => {
    setup();
    const status = await screen.findByTestId('run-status');
    expect(status.dataset.status).toBe('compensated');
    expect(status.textContent).toContain('compensated');
    expect(screen.getByText('trigger: webhook')).toBeTruthy();
    expect(screen.getByText('order_saga v3')).toBeTruthy();
    const charge = await screen.findByTestId('run-node-charge');
    expect(charge.dataset.status).toBe('compensated');
    expect(charge.textContent).toContain('undone');
    expect(charge.textContent).toContain('2 attempts');
    expect(screen.getByTestId('run-node-hold').dataset.status).toBe('skipped');
    expect(screen.getByTestId('run-node-hold').className).toContain('run-card--faded');
    expect(screen.getByTestId('run-node-ship').textContent).toContain('failed');
    expect(screen.getByTestId('run-legend').textContent).toContain('fallback');
    // Resume is offered for a compensated run, cancel is not (it has ended).
    expect(screen.getByTestId('btn-resume')).toBeTruthy();
    expect(screen.getByTestId('btn-replay')).toBeTruthy();
    expect(screen.queryByTestId('btn-cancel')).toBeNull();
  });

  it('opens a node: source, compensation, attempts with category and HTTP status, and the full body on demand', async () => {
    const { calls } = setup();
    fireEvent.click(await screen.findByTestId('run-node-charge'));
    const panel = await screen.findByTestId('node-panel');
    expect(within(panel).getByTestId('node-source').textContent).toContain('fallback:charge_backup');
    expect(within(panel).getByTestId('node-compensation').textContent).toContain('refund_backup');
    const second = within(panel).getByTestId('attempt-charge-2');
    expect(second.textContent).toContain('server');
    expect(second.textContent).toContain('HTTP 503');
    expect(second.textContent).toContain('30 ms');
    // Timeline: two attempt bars and the wait between them.
    expect(within(panel).getByRole('listitem', { name: /Attempt 1: failed · server · HTTP 503/ })).toBeTruthy();
    expect(within(panel).getByRole('listitem', { name: 'waited 200 ms' })).toBeTruthy();
    fireEvent.click(within(second).getByRole('button', { name: /#2/ }));
    expect(within(second).getByText(/cut at 64 KiB/)).toBeTruthy();
    fireEvent.click(within(second).getByRole('button', { name: 'load full body' }));
    await waitFor(() => expect(calls).toContain('GET /api/runs/run_1/nodes/charge/attempts/2/response'));
    expect(await within(second).findByText(/2 keys/)).toBeTruthy();
  });

  it('draws a Gantt row per node and lists attempts in order', async () => {
    setup();
    const gantt = await screen.findByTestId('run-gantt');
    expect(gantt.querySelectorAll('.run-gantt__row')).toHaveLength(8);
    expect(gantt.querySelectorAll('.run-gantt__bar')).toHaveLength(7);
    const events = screen.getByTestId('run-events');
    expect(events.querySelectorAll('li')).toHaveLength(7);
    expect(events.querySelectorAll('li')[1]!.textContent).toContain('charge');
  });

  it('confirms a resume by saying what runs again, then links to the run', async () => {
    const { calls } = setup();
    await screen.findByTestId('run-node-charge');
    fireEvent.click(screen.getByTestId('btn-resume'));
    const confirm = screen.getByTestId('confirm-resume');
    expect(confirm.textContent).toContain('Kept, not run again: in, check');
    expect(confirm.textContent).toContain('charge, ship, hold');
    expect(confirm.textContent).toContain('charge_backup, refund, refund_backup');
    fireEvent.click(screen.getByTestId('btn-confirm'));
    const result = await screen.findByTestId('action-result');
    expect(result.textContent).toContain('Resumed');
    expect(result.querySelector('a')?.getAttribute('href')).toBe('/runs/run_1');
    expect(calls).toContain('POST /api/runs/run_1/resume');
  });

  it('replays and links to the new run', async () => {
    setup();
    await screen.findByTestId('run-status');
    fireEvent.click(screen.getByTestId('btn-replay'));
    fireEvent.click(screen.getByTestId('btn-confirm'));
    const result = await screen.findByTestId('action-result');
    expect(result.querySelector('a')?.getAttribute('href')).toBe('/runs/run_2');
  });

  it('follows a live run over its events and offers cancel', async () => {
    const live = { ...fixtureRun(), status: 'running' as const, finishedAt: null };
    const listeners = new Map<string, (e: MessageEvent<string>) => void>();
    const source: EventSourceLike = { addEventListener: (t, l) => void listeners.set(t, l), onerror: null, close: () => {} };
    const { api, calls } = tableApi({
      'GET /api/runs/run_1': [200, live],
      'GET /api/workflows/order_saga/versions/3': [200, { ...fixtureWorkflow, id: 'order_saga', version: 3 }],
      'POST /api/runs/run_1/cancel': [202, { runId: 'run_1' }],
    });
    let bodies: string[] = [];
    const recording: typeof api = { ...api, cancel: (id, compensate) => ((bodies = [...bodies, `${id}:${String(compensate)}`]), api.cancel(id, compensate)) };
    render(<RunPage runId="run_1" api={recording} eventSourceFactory={() => source} />);
    expect((await screen.findByTestId('run-status')).dataset.status).toBe('running');
    expect(screen.getByTestId('btn-cancel')).toBeTruthy();
    await waitFor(() => expect(listeners.has('node')).toBe(true));
    const ship = { ...live.nodes[6]!, status: 'running' as const };
    listeners.get('node')!(new MessageEvent('node', { data: JSON.stringify(ship) }));
    await waitFor(() => expect(screen.getByTestId('run-node-ship').dataset.status).toBe('running'));
    // Cancel, asking for compensation.
    fireEvent.click(screen.getByTestId('btn-cancel'));
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('btn-confirm'));
    expect((await screen.findByTestId('action-result')).textContent).toContain('undoing completed steps');
    expect(bodies).toEqual(['run_1:true']);
    expect(calls).toContain('POST /api/runs/run_1/cancel');
  });

  it('flags a degraded success and offers no resume for it', async () => {
    setup({ ...fixtureRun(), status: 'succeeded', degraded: true });
    const status = await screen.findByTestId('run-status');
    expect(status.textContent).toContain('succeeded, degraded');
    expect(screen.getByTestId('run-degraded').textContent).toContain('degraded');
    expect(screen.queryByTestId('btn-resume')).toBeNull();
  });

  it('says so when the run cannot be loaded', async () => {
    const { api } = tableApi({});
    render(<RunPage runId="nope" api={api} />);
    expect((await screen.findByTestId('run-error')).textContent).toContain('no route GET /api/runs/nope');
  });
});
