import { useState } from 'react';
import type { RunsApi } from './runs-api';
import { JsonView } from './JsonView';
import { AttemptTimeline, outcomeLook } from './AttemptTimeline';
import { TONE_COLOUR, attemptDurationMs, formatDuration, nodeLook, sourceWords } from './run-model';
import { attemptTimeline } from './timeline';
import { StatusBadge } from './StatusBadge';
import type { Attempt, JsonValue, RunNode } from './types';

/** An attempt's body beyond the run history's size (1 MiB by default) is kept only in part. */
const STORED_CUT_NOTE = {
  request: 'the run history keeps only the start of a body this large',
  response: "the run history keeps only the start of a body this large; the node's output (below) holds the whole value",
};

function Headers({ headers }: { headers: Record<string, string> }) {
  return <JsonView label="headers" value={headers} />;
}

/** A call the engine refused itself (open breaker, locked credential, full bulkhead, rate limit): nothing went out. */
function refusedBeforeSending(attempt: Attempt): boolean {
  const category = attempt.error?.category;
  return attempt.request === null && (category === 'circuit_open' || category === 'credential_locked' || (category === 'rate_limited' && attempt.response === null));
}

function AttemptDetail({ runId, nodeId, attempt, api, open, onToggle, now }: { runId: string; nodeId: string; attempt: Attempt; api: RunsApi; open: boolean; onToggle: () => void; now: number }) {
  const look = outcomeLook(attempt.outcome);
  const { request, response, error } = attempt;
  return (
    <li className="run-attempt" data-testid={`attempt-${nodeId}-${attempt.number}`} data-outcome={attempt.outcome ?? 'running'}>
      <button type="button" className="run-attempt__head" aria-expanded={open} onClick={onToggle}>
        {open ? '▾' : '▸'} <span style={{ color: look.colour }}>{look.icon} #{attempt.number}</span> {attempt.outcome ?? 'running'}
        {error && <span className="run-attempt__category"> · {error.category}</span>}
        {(error?.httpStatus ?? response?.status) != null && <span> · HTTP {error?.httpStatus ?? response?.status}</span>}
        <span> · {formatDuration(attemptDurationMs(attempt, now))}</span>
        {attempt.epoch > 1 && <span> · epoch {attempt.epoch}</span>}
        {attempt.delayBeforeMs ? <span className="run-muted"> · after a {formatDuration(attempt.delayBeforeMs)} wait</span> : null}
      </button>
      {open && (
        <div className="run-attempt__body">
          <div className="run-muted">started {attempt.startedAt}</div>
          {error && (
            <p className="run-attempt__error">
              {error.category}: {error.message}
            </p>
          )}
          {request ? (
            <div>
              <div className="run-attempt__line">
                request: {request.method} {request.url}
              </div>
              <Headers headers={request.headers} />
              <JsonView
                label="request body"
                value={request.body}
                truncated={request.truncated}
                loadStored={async () => {
                  const stored = await api.attemptPart(runId, nodeId, attempt.number, 'request');
                  return { value: stored.body, truncated: stored.truncated };
                }}
                storedCutNote={STORED_CUT_NOTE.request}
                testId={`attempt-${nodeId}-${attempt.number}-request`}
              />
            </div>
          ) : (
            <div className="run-muted">{refusedBeforeSending(attempt) ? 'no request was sent: the integration’s protections refused the call' : 'no request recorded'}</div>
          )}
          {response ? (
            <div>
              <div className="run-attempt__line">response: {response.status}</div>
              <Headers headers={response.headers} />
              <JsonView
                label="response body"
                value={response.body}
                truncated={response.truncated}
                loadStored={async () => {
                  const stored = await api.attemptPart(runId, nodeId, attempt.number, 'response');
                  return { value: stored.body, truncated: stored.truncated };
                }}
                storedCutNote={STORED_CUT_NOTE.response}
                testId={`attempt-${nodeId}-${attempt.number}-response`}
              />
            </div>
          ) : (
            <div className="run-muted">no response recorded</div>
          )}
        </div>
      )}
    </li>
  );
}

/** The selected node: status and source, attempt timeline, each attempt's exchange, input and output. */
export function NodePanel({ runId, node, api, now, onClose }: { runId: string; node: RunNode; api: RunsApi; now: number; onClose: () => void }) {
  const [openAttempt, setOpenAttempt] = useState<number | null>(null);
  const source = sourceWords(node.source);
  const loadPart = (part: 'input' | 'output') => (): Promise<JsonValue> => api.nodePart(runId, node.nodeId, part);
  return (
    <aside className="run-panel" aria-label={`Node ${node.nodeId}`} data-testid="node-panel">
      <header className="run-panel__head">
        <h3>{node.nodeId}</h3>
        <button type="button" onClick={onClose} aria-label="Close the node panel">
          ✕
        </button>
      </header>
      <div className="run-panel__facts">
        <StatusBadge look={nodeLook(node)} testId="node-status" status={node.status} />
        {node.source && node.source !== 'self' && (
          <span className="run-badge run-badge--fallback" style={{ color: TONE_COLOUR.fallback }} data-testid="node-source" title={source ?? undefined}>
            ⤳ {node.source}
          </span>
        )}
        {node.epoch > 1 && <span>epoch {node.epoch}</span>}
        {node.handle && <span>chose {node.handle}</span>}
      </div>
      {node.error && (
        <p className="run-attempt__error">
          last failure: {node.error.category}: {node.error.message}
        </p>
      )}
      {node.compensation && (
        <p data-testid="node-compensation" data-status={node.compensation.status}>
          {/* Its undo step is not needed (the run did not fail after this node, or a resume started a new epoch): not "undone". */}
          {node.compensation.status === 'skipped' || node.compensation.status === 'pending' ? (
            <span className="run-muted">
              ↶ undo step <strong>{node.compensation.nodeId}</strong>: {node.compensation.status === 'skipped' ? 'not needed (skipped)' : 'not run yet'}
            </span>
          ) : (
            <>
              ↶ undone by <strong>{node.compensation.nodeId}</strong>: {node.compensation.status}
            </>
          )}
        </p>
      )}
      {node.status === 'retrying' && node.nextAttemptAt && <p>next attempt at {node.nextAttemptAt}</p>}
      {node.status === 'deferred' && node.deferredUntil && <p>deferred, at most until {node.deferredUntil}</p>}
      <h4>Attempts</h4>
      <AttemptTimeline nodeId={node.nodeId} items={attemptTimeline(node, now)} onPick={setOpenAttempt} />
      <ol className="run-attempts">
        {node.attempts.map((a) => (
          <AttemptDetail
            key={a.number}
            runId={runId}
            nodeId={node.nodeId}
            attempt={a}
            api={api}
            now={now}
            open={openAttempt === a.number}
            onToggle={() => setOpenAttempt(openAttempt === a.number ? null : a.number)}
          />
        ))}
      </ol>
      <h4>Data</h4>
      <JsonView label="input" value={node.input} truncated={node.inputTruncated ?? false} loadFull={loadPart('input')} loadLabel="load full input" testId="node-input" />
      <JsonView label="output" value={node.output} truncated={node.outputTruncated ?? false} loadFull={loadPart('output')} loadLabel="load full output" testId="node-output" />
    </aside>
  );
}
