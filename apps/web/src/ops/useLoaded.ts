import { useCallback, useEffect, useRef, useState } from 'react';
import { opsErrorMessage } from './ops-api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` now, again on `reload()` and every `refreshMs` (an ops page stays current while open). */
export function useLoaded<T>(load: () => Promise<T>, refreshMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (ticket !== latest.current) return;
        setError(opsErrorMessage(err));
        setLoading(false);
      },
    );
  }, [load]);
  useEffect(() => {
    reload();
    if (refreshMs === undefined) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload, refreshMs]);
  return { data, error, loading, reload };
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)} %`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

export function formatTime(iso: string | null): string {
  return iso === null ? '–' : new Date(iso).toLocaleString();
}

/** A run id short enough for a link: run ids are time-ordered, so their ends tell runs apart. */
export function shortRunId(id: string): string {
  return id.length <= 13 ? id : `${id.slice(0, 4)}…${id.slice(-6)}`;
}
