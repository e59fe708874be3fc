import { useMemo } from 'react';
import { AlertsPage } from './AlertsPage';
import { InsightsPage } from './InsightsPage';
import { IntegrationsPage } from './IntegrationsPage';
import { createOpsApi } from './ops-api';
import type { OpsRoute } from './routes';
import './ops.css';

const runHref = (runId: string): string => `#/runs/${encodeURIComponent(runId)}`;
const workflowHref = (workflowId: string): string => `#/workflows/${encodeURIComponent(workflowId)}`;

/** One chunk for the three pages: opening the editor does not load them. */
export function OpsPage({ route }: { route: OpsRoute }) {
  const api = useMemo(() => createOpsApi(), []);
  if (route === 'integrations') return <IntegrationsPage api={api} />;
  if (route === 'alerts') return <AlertsPage api={api} runHref={runHref} />;
  return <InsightsPage api={api} runHref={runHref} workflowHref={workflowHref} />;
}
