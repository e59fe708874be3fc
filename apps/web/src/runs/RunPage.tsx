import { useMemo, useState } from 'react';
import type { RunsApi } from './runs-api';
import { createRunsApi } from './runs-api';
import type { EventSourceFactory } from './run-events';
import { attemptsInOrder } from './run-model';
import { runGantt } from './timeline';
import { useNow, useRun } from './useRun';
import { RunBanner, type Navigate } from './RunBanner';
import { RunCanvas } from './RunCanvas';
import { NodePanel } from './NodePanel';
import { RunGantt } from './RunGantt';
import { EventsList } from './EventsList';
import { isLiveRun } from './types';
import './runs.css';

const defaultApi = createRunsApi();
const NO_EDGES: readonly [] = [];

export interface RunPageProps {
  runId: string;
  /** Client-side navigation for links to other runs; plain links without it. */
  navigate?: Navigate;
  /** Injected by tests. */
  api?: RunsApi;
  eventSourceFactory?: EventSourceFactory;
}

/** One run: banner with actions, the version that ran coloured by status, node panel, Gantt and events. */
export function RunPage(props: RunPageProps) {
  // Keyed by run: following a link to another run (a replay) starts with a clean selection.
  return <RunView key={props.runId} {...props} />;
}

function RunView({ runId, navigate, api = defaultApi, eventSourceFactory }: RunPageProps) {
  const { run, workflow, error, workflowError, reconnecting, reload } = useRun(runId, api, eventSourceFactory);
  const [selected, setSelected] = useState<string | null>(null);
  const live = run !== null && isLiveRun(run.status);
  const now = useNow(live);
  const nodes = run?.nodes;
  // The workflow's node order keeps Gantt rows in the order the person drew them.
  const ordered = useMemo(() => {
    if (!nodes) return [];
    if (!workflow) return nodes;
    const index = new Map(workflow.nodes.map((n, i) => [n.id, i]));
    return [...nodes].sort((a, b) => (index.get(a.nodeId) ?? Infinity) - (index.get(b.nodeId) ?? Infinity));
  }, [nodes, workflow]);
  const gantt = useMemo(() => (run ? runGantt(ordered, run, now) : null), [ordered, run, now]);
  const events = useMemo(() => attemptsInOrder(nodes ?? []), [nodes]);
  // The banner's resume confirmation lists steps in the workflow's order too, not the API's.
  const bannerRun = useMemo(() => (run ? { ...run, nodes: ordered } : null), [run, ordered]);

  if (error && !run) {
    return (
      <div className="run-page" role="alert" data-testid="run-error">
        Could not load run {runId}: {error}
      </div>
    );
  }
  if (!run) return <div className="run-page run-muted">Loading run {runId}…</div>;
  const selectedNode = selected === null ? undefined : run.nodes.find((n) => n.nodeId === selected);

  return (
    <div className="run-page" data-testid="run-page">
      <RunBanner run={bannerRun ?? run} edges={workflow?.edges ?? NO_EDGES} now={now} api={api} onChanged={reload} {...(navigate ? { navigate } : {})} />
      {reconnecting && live && <p className="run-muted" role="status">Live updates interrupted; reconnecting…</p>}
      <div className="run-main">
        {workflow ? (
          <RunCanvas workflow={workflow} nodes={run.nodes} selected={selected} onSelect={setSelected} />
        ) : (
          <div className="run-canvas run-canvas--empty">{workflowError ? `The workflow version that ran could not be loaded: ${workflowError}` : 'Loading the workflow version that ran…'}</div>
        )}
        {selectedNode && <NodePanel key={selectedNode.nodeId} runId={run.id} node={selectedNode} api={api} now={now} onClose={() => setSelected(null)} />}
      </div>
      {gantt && <RunGantt gantt={gantt} onSelect={setSelected} />}
      <EventsList rows={events} onSelect={setSelected} />
    </div>
  );
}
