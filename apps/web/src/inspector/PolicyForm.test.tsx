import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { CanvasNode } from '../graph/model';
import { NEW_RETRY, PolicyForm } from './PolicyForm';

afterEach(cleanup);

const node = (extra: Partial<CanvasNode> = {}): CanvasNode => ({ id: 'charge', type: 'http.request', params: { method: 'POST', url: 'https://x' }, ...extra });

describe('PolicyForm', () => {
  it('edits the timeout', () => {
    const onPolicy = vi.fn();
    render(<PolicyForm node={node()} canFail fallbacks={[]} onPolicy={onPolicy} onRetry={() => {}} />);
    fireEvent.change(screen.getByTestId('field-timeoutMs'), { target: { value: '2000' } });
    expect(onPolicy).toHaveBeenLastCalledWith({ timeoutMs: 2000 }, 'timeoutMs');
  });

  it('turns a retry on with sensible numbers', () => {
    const onRetry = vi.fn();
    render(<PolicyForm node={node()} canFail fallbacks={[]} onPolicy={() => {}} onRetry={onRetry} />);
    fireEvent.click(screen.getByTestId('field-retry-enabled'));
    expect(onRetry).toHaveBeenLastCalledWith(NEW_RETRY, 'retry');
  });

  it('shows a live preview of the delays, ending in the fallback', () => {
    const retry = { id: 'r1', seq: 0, policy: { maxAttempts: 3, backoff: 'exponential' as const, initialDelayMs: 200, maxDelayMs: 2000, jitter: 'none' as const } };
    render(<PolicyForm node={node({ retry })} canFail fallbacks={[{ id: 'f1', target: 'backup', order: 1, on: undefined }]} onPolicy={() => {}} onRetry={() => {}} />);
    expect(screen.getByTestId('retry-preview').textContent).toContain('waits 0.2s, 0.4s, then fallback');
    expect(screen.getByText('#1 → backup')).toBeTruthy();
  });

  it('edits retry fields and categories', () => {
    const onRetry = vi.fn();
    const retry = { id: 'r1', seq: 0, policy: { maxAttempts: 3 } };
    render(<PolicyForm node={node({ retry })} canFail fallbacks={[]} onPolicy={() => {}} onRetry={onRetry} />);
    fireEvent.change(screen.getByTestId('field-retry-maxAttempts'), { target: { value: '5' } });
    expect(onRetry).toHaveBeenLastCalledWith({ maxAttempts: 5 }, 'retry.maxAttempts');
    fireEvent.click(screen.getByTestId('field-retry-on-auth'));
    expect(onRetry).toHaveBeenLastCalledWith({ maxAttempts: 3, on: ['timeout', 'network', 'server', 'rate_limited', 'auth'] }, 'retry.on');
  });

  it('drops the exponential-only fields when the backoff becomes fixed', () => {
    const onRetry = vi.fn();
    render(<PolicyForm node={node({ retry: { id: 'r1', seq: 0, policy: NEW_RETRY } })} canFail fallbacks={[]} onPolicy={() => {}} onRetry={onRetry} />);
    fireEvent.change(screen.getByTestId('field-retry-backoff'), { target: { value: 'fixed' } });
    expect(onRetry).toHaveBeenLastCalledWith({ maxAttempts: 3, backoff: 'fixed', initialDelayMs: 500 }, 'retry.backoff');
  });

  it('sets last known good and the optional-step flag', () => {
    const onPolicy = vi.fn();
    render(<PolicyForm node={node({ policy: { timeoutMs: 5 } })} canFail fallbacks={[]} onPolicy={onPolicy} onRetry={() => {}} />);
    fireEvent.click(screen.getByTestId('field-lkg-enabled'));
    expect(onPolicy).toHaveBeenLastCalledWith({ timeoutMs: 5, lastKnownGood: { maxAgeMs: 86_400_000 } }, 'lastKnownGood');
    fireEvent.change(screen.getByTestId('field-onFailure'), { target: { value: 'continue' } });
    expect(onPolicy).toHaveBeenLastCalledWith({ timeoutMs: 5, onFailure: 'continue' }, 'onFailure');
  });

  it('offers no retry for a node type that cannot fail', () => {
    render(<PolicyForm node={node()} canFail={false} fallbacks={[]} onPolicy={() => {}} onRetry={() => {}} />);
    expect(screen.queryByTestId('field-retry-enabled')).toBeNull();
  });
});
