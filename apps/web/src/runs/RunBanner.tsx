import { useState, type ReactNode } from 'react';
import type { WorkflowEdge } from '@switchyard/schema';
import type { RunsApi } from './runs-api';
import { runsErrorMessage } from './runs-api';
import { formatDuration, listWords, resumePlan, runDurationMs, runLook } from './run-model';
import { StatusBadge } from './StatusBadge';
import { JsonView } from './JsonView';
import { runPath } from './routes';
import type { RunDetail } from './types';
import { isLiveRun } from './types';

export type Navigate = (path: string) => void;

type Action = 'resume' | 'replay' | 'cancel';

interface ActionResult {
  ok: boolean;
  text: string;
  /** The run the action affects: the same run for resume and cancel, a new one for replay. */
  runId?: string;
}

export function RunLink({ runId, navigate, children }: { runId: string; navigate: Navigate | undefined; children: ReactNode }) {
  const href = runPath(runId);
  return (
    <a
      href={href}
      onClick={(e) => {
        // Plain links work without a router; with one, the app passes `navigate` to stay client-side.
        if (!navigate || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** Status, degraded flag, duration, trigger, workflow and version, and the actions with their confirmations. */
export function RunBanner({
  run,
  edges,
  now,
  api,
  navigate,
  onChanged,
}: {
  run: RunDetail;
  /** The edges of the version that ran, to tell fallback and compensation steps apart; empty while loading. */
  edges: readonly Pick<WorkflowEdge, 'kind' | 'target'>[];
  now: number;
  api: RunsApi;
  navigate?: Navigate;
  onChanged: () => void;
}) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [compensate, setCompensate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const plan = resumePlan(run, edges);
  const live = isLiveRun(run.status);

  async function perform(action: Action): Promise<void> {
    setBusy(true);
    setResult(null);
    try {
      if (action === 'resume') {
        await api.resume(run.id);
        setResult({ ok: true, text: 'Resumed: this run is running again.', runId: run.id });
      } else if (action === 'replay') {
        const { runId } = await api.replay(run.id);
        setResult({ ok: true, text: 'Replayed as a new run.', runId });
      } else {
        await api.cancel(run.id, compensate);
        setResult({ ok: true, text: compensate ? 'Cancelling, undoing completed steps.' : 'Cancelling.', runId: run.id });
      }
      setConfirming(null);
      if (action !== 'replay') onChanged();
    } catch (e) {
      setResult({ ok: false, text: `${action} failed: ${runsErrorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="run-banner" aria-label="Run">
      <div className="run-banner__facts">
        <StatusBadge look={runLook(run.status, run.degraded)} testId="run-status" status={run.status} />
        {run.degraded && (
          <span title="It did its job, but not the normal way: a fallback, a last known good value, or a step that failed and continued">
            <StatusBadge look={{ ...runLook('succeeded', true), word: 'degraded' }} testId="run-degraded" />
          </span>
        )}
        <span title="Duration">took {formatDuration(runDurationMs(run, now))}</span>
        <span title="Trigger">trigger: {run.trigger.kind}</span>
        <span title="Workflow and version">
          {run.workflowId} v{run.workflowVersion}
        </span>
        <span className="run-banner__id" title="Run id">
          run {run.id}
        </span>
      </div>
      <div className="run-banner__actions">
        {plan.allowed && (
          <button type="button" data-testid="btn-resume" disabled={busy} onClick={() => setConfirming('resume')}>
            ↻ Resume
          </button>
        )}
        <button type="button" data-testid="btn-replay" disabled={busy} onClick={() => setConfirming('replay')}>
          ⟲ Replay
        </button>
        {live && (
          <button type="button" data-testid="btn-cancel" disabled={busy} onClick={() => setConfirming('cancel')}>
            ⊗ Cancel
          </button>
        )}
      </div>
      <div className="run-banner__trigger">
        <JsonView label="trigger data" value={run.trigger} testId="run-trigger" />
      </div>
      {confirming && (
        <div className="run-confirm" role="dialog" aria-label={`Confirm ${confirming}`} data-testid={`confirm-${confirming}`}>
          {confirming === 'resume' && (
            <p>
              Resume this run on version {run.workflowVersion}. Kept, not run again: {listWords(plan.keep)}. Run again in a new epoch when the flow reaches them:{' '}
              {listWords(plan.again)}.{plan.afresh.length > 0 && ` Fallback and compensation steps act afresh if needed: ${listWords(plan.afresh)}.`} Steps that run again get a new epoch, so a new idempotency key.
            </p>
          )}
          {confirming === 'replay' && <p>Start a new run with the same trigger data on the workflow&apos;s newest version. Every step runs again; this run stays as it is.</p>}
          {confirming === 'cancel' && (
            <>
              <p>Cancel this run: attempts in flight are aborted and steps not started will not run.</p>
              <label>
                <input type="checkbox" checked={compensate} onChange={(e) => setCompensate(e.target.checked)} /> also undo completed steps (compensate)
              </label>
            </>
          )}
          <button type="button" data-testid="btn-confirm" disabled={busy} onClick={() => void perform(confirming)}>
            {busy ? 'Working…' : `Yes, ${confirming}`}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
            Keep as is
          </button>
        </div>
      )}
      {result && (
        <p className={result.ok ? 'run-result' : 'run-result run-result--error'} role="status" data-testid="action-result">
          {result.text}{' '}
          {result.runId && (
            <RunLink runId={result.runId} navigate={navigate}>
              open run {result.runId}
            </RunLink>
          )}
        </p>
      )}
    </section>
  );
}
