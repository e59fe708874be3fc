import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { JsonView } from './JsonView';

afterEach(cleanup);

const FIVE_MB = 5 * 1024 * 1024;

describe('JsonView', () => {
  it('keeps a 5 MB string body out of the DOM until asked, then shows it a slice at a time', () => {
    const body = 'x'.repeat(FIVE_MB);
    const { container } = render(<JsonView label="response body" value={body} testId="jv" />);
    expect(container.textContent!.length).toBeLessThan(300);
    expect(screen.getByTestId('jv').textContent).toContain('5.0 MB');
    fireEvent.click(screen.getByRole('button', { name: /response body/ }));
    // Open: only the first cut of the string is rendered, with a "show more".
    expect(container.textContent!.length).toBeLessThan(2000);
    const more = screen.getByRole('button', { name: /show more/ });
    expect(more.textContent).toContain((FIVE_MB - 500).toLocaleString());
    fireEvent.click(more);
    expect(container.textContent!.length).toBeGreaterThan(20_000);
    expect(container.textContent!.length).toBeLessThan(30_000);
  });

  it('renders a large object lazily: children only when opened, 100 at a time', () => {
    const value = { items: Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    const { container } = render(<JsonView label="output" value={value} />);
    expect(container.querySelectorAll('li')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: /output/ }));
    expect(screen.getByRole('button', { name: /items:/ }).textContent).toContain('[ 10000 items ]');
    fireEvent.click(screen.getByRole('button', { name: /items:/ }));
    // 100 rows and the "show more" row.
    expect(container.querySelectorAll('.json-children .json-children > li')).toHaveLength(101);
    fireEvent.click(screen.getByRole('button', { name: /show 100 more of 9,?900/ }));
    expect(container.querySelectorAll('.json-children .json-children > li')).toHaveLength(201);
    // Nested objects stay closed.
    expect(screen.queryByText('"item 0"')).toBeNull();
  });

  it('offers "load full body" for a truncated value and shows the loaded one', async () => {
    const loadFull = vi.fn(async () => ({ full: true }));
    render(<JsonView label="response body" value={'{"full":tr'} truncated loadFull={loadFull} />);
    expect(screen.getByText(/cut at 64 KiB/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'load full body' }));
    expect(await screen.findByText(/full:/)).toBeTruthy();
    expect(loadFull).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/cut at 64 KiB/)).toBeNull();
  });

  it('says so when the stored value is itself cut (an attempt body beyond the history limit)', async () => {
    const loadStored = vi.fn(async () => ({ value: '{"items":[1,2,3', truncated: true }));
    render(<JsonView label="response body" value={'{"items":[1'} truncated loadStored={loadStored} storedCutNote="kept only in part" testId="jv" />);
    fireEvent.click(screen.getByRole('button', { name: 'load full body' }));
    expect((await screen.findByTestId('jv-stored-cut')).textContent).toContain('kept only in part');
    expect(screen.queryByText(/cut at 64 KiB/)).toBeNull();
    expect(loadStored).toHaveBeenCalledTimes(1);
  });

  it('says why a load failed', async () => {
    render(<JsonView label="output" value={'{"a'} truncated loadFull={() => Promise.reject(new Error('not found'))} loadLabel="load full output" />);
    fireEvent.click(screen.getByRole('button', { name: 'load full output' }));
    expect(await screen.findByText(/not found/)).toBeTruthy();
  });
});
