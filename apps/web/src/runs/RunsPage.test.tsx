import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RunsPage, LIVE_REFRESH_MS } from './RunsPage';
import { tableApi } from './test-api';
import type { RunSummary } from './types';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const run = (id: string, status: RunSummary['status'], extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  workflowId: 'order_saga',
  workflowVersion: 2,
  status,
  degraded: false,
  trigger: { kind: 'webhook' },
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:00:01.500Z',
  ...extra,
});

const counts = { queued: 0, running: 0, waiting: 0, succeeded: 5, failed: 2, compensated: 1, needs_attention: 0, cancelled: 0, degraded: 1 };

describe('RunsPage', () => {
  it('lists runs newest first with status words, duration and trigger, counts on top, and loads more', async () => {
    const { api, calls } = tableApi({
      'GET /api/runs?limit=50': [200, { items: [run('r3', 'failed'), run('r2', 'succeeded', { degraded: true })], nextCursor: 'c1' }],
      'GET /api/runs?limit=50&cursor=c1': [200, { items: [run('r1', 'compensated')], nextCursor: null }],
      'GET /api/runs/counts': [200, counts],
      'GET /api/runs?limit=50&status=failed': [200, { items: [run('r3', 'failed')], nextCursor: null }],
    });
    render(<RunsPage api={api} />);
    const row = await screen.findByTestId('runs-row-r3');
    expect(row.textContent).toContain('failed');
    expect(row.textContent).toContain('webhook');
    expect(row.textContent).toContain('1.5 s');
    expect(row.textContent).toContain('order_saga v2');
    expect(screen.getByTestId('runs-row-r2').textContent).toContain('succeeded, degraded');
    expect(screen.getByTestId('runs-count-failed').textContent).toContain('2');
    fireEvent.click(screen.getByTestId('runs-load-more'));
    await screen.findByTestId('runs-row-r1');
    expect(screen.queryByTestId('runs-load-more')).toBeNull();
    expect(screen.getAllByTestId(/^runs-row-/).map((r) => r.dataset.testid)).toEqual(['runs-row-r3', 'runs-row-r2', 'runs-row-r1']);
    fireEvent.change(screen.getByTestId('runs-filter-status'), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.queryByTestId('runs-row-r2')).toBeNull());
    expect(calls).toContain('GET /api/runs?limit=50&status=failed');
  });

  it('refreshes while a run is live', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let status: RunSummary['status'] = 'running';
    const { api } = tableApi({
      'GET /api/runs?limit=50': () => [200, { items: [run('r1', status, { finishedAt: null })], nextCursor: null }],
      'GET /api/runs/counts': [200, counts],
    });
    render(<RunsPage api={api} />);
    expect((await screen.findByTestId('runs-row-r1')).dataset.status).toBe('running');
    status = 'succeeded';
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS + 10);
    });
    await waitFor(() => expect(screen.getByTestId('runs-row-r1').dataset.status).toBe('succeeded'));
  });

  it('teaches when there are no runs', async () => {
    const { api } = tableApi({ 'GET /api/runs?limit=50': [200, { items: [], nextCursor: null }], 'GET /api/runs/counts': [200, counts] });
    render(<RunsPage api={api} />);
    expect(await screen.findByText(/No runs match/)).toBeTruthy();
  });
});
