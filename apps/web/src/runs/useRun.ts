import { useCallback, useEffect, useState } from 'react';
import type { RunsApi, StoredWorkflowVersion } from './runs-api';
import { runsErrorMessage } from './runs-api';
import type { EventSourceFactory, RunEvent } from './run-events';
import { applyRunEvent, subscribeRunEvents } from './run-events';
import type { RunDetail } from './types';
import { isLiveRun } from './types';

/** How long live events are gathered before one render applies them. */
const BATCH_MS = 50;

export interface RunState {
  run: RunDetail | null;
  workflow: StoredWorkflowVersion | null;
  error: string | null;
  workflowError: string | null;
  /** The live stream dropped and is reconnecting. */
  reconnecting: boolean;
  reload: () => void;
}

/**
 * Loads a run and the workflow version it ran, and follows the run's events while it is live.
 * Resubscribes when a resume makes an ended run live again.
 */
export function useRun(runId: string, api: RunsApi, eventSourceFactory?: EventSourceFactory): RunState {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [workflow, setWorkflow] = useState<{ key: string; value: StoredWorkflowVersion } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [workflowError, setWorkflowError] = useState<string | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let stale = false;
    api.getRun(runId).then(
      (detail) => {
        if (stale) return;
        setRun(detail);
        setError(null);
      },
      (e: unknown) => {
        if (!stale) setError(runsErrorMessage(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, runId, generation]);

  const workflowId = run?.workflowId;
  const version = run?.workflowVersion;
  useEffect(() => {
    if (workflowId === undefined || version === undefined) return;
    let stale = false;
    setWorkflowError(null);
    api.workflowVersion(workflowId, version).then(
      (wf) => {
        if (!stale) setWorkflow({ key: `${workflowId}@${version}`, value: wf });
      },
      (e: unknown) => {
        if (!stale) setWorkflowError(runsErrorMessage(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, workflowId, version]);

  const live = run !== null && run.id === runId && isLiveRun(run.status);
  useEffect(() => {
    if (!live) return;
    // Events arrive in bursts (on connect the server sends every node): they are applied in one
    // render per BATCH_MS, not one render each, so a 200-node run does not redraw 200 times.
    let pending: RunEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const events = pending;
      pending = [];
      setRun((current) => (current === null ? current : events.reduce(applyRunEvent, current)));
    };
    const unsubscribe = subscribeRunEvents(
      runId,
      (event) => {
        setReconnecting(false);
        pending.push(event);
        timer ??= setTimeout(flush, BATCH_MS);
      },
      {
        ...(eventSourceFactory ? { factory: eventSourceFactory } : {}),
        onError: () => setReconnecting(true),
        // The stream's state is complete, but the run answer also carries compensation links.
        onEnd: reload,
      },
    );
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [live, runId, eventSourceFactory, reload]);

  // Only the version this run ran counts: a previous page's workflow is never shown for it.
  const current = workflow !== null && workflow.key === `${workflowId}@${version}` ? workflow.value : null;
  return { run: run !== null && run.id === runId ? run : null, workflow: current, error, workflowError, reconnecting, reload };
}

/** A clock for live durations: ticks while `active`, else stays put. */
export function useNow(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
