import type { Store } from '@switchyard/engine';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type RetentionPolicy } from '@switchyard/schema';
import type { AlertStore, CredentialStore, ScheduleStore } from '../ports/index.js';

export type ExportStore = Pick<Store, 'listWorkflows' | 'listWorkflowVersions' | 'getWorkflowVersion' | 'listIntegrations'> &
  Pick<AlertStore, 'listAlertRules'> &
  Pick<CredentialStore, 'listCredentials'> &
  ScheduleStore;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The installation's configuration as a bundle: every workflow version, integrations, alert rules, schedules; no secret. */
export async function exportBundle(store: ExportStore, settings: { retention: RetentionPolicy }, now: number): Promise<Bundle> {
  const workflows: Bundle['workflows'] = [];
  const schedules: Bundle['schedules'] = [];
  for (const summary of await store.listWorkflows()) {
    const versions: Bundle['workflows'][number]['versions'] = [];
    for (const { version } of await store.listWorkflowVersions(summary.id)) {
      const stored = await store.getWorkflowVersion(summary.id, version);
      if (stored) versions.push({ version, createdAt: iso(stored.createdAt), definition: stored.definition as unknown as Record<string, unknown> });
    }
    versions.sort((a, b) => a.version - b.version);
    if (versions.length === 0) continue;
    workflows.push({ id: summary.id, active: summary.active, versions });
    const latest = versions.at(-1)!.definition as { nodes?: Array<{ id: string; type: string }> };
    for (const node of latest.nodes ?? []) {
      if (node.type !== 'trigger.schedule') continue;
      const fire = await store.getScheduleFire(summary.id, node.id);
      if (fire) schedules.push({ workflowId: summary.id, nodeId: node.id, lastFiredAt: iso(fire.lastFiredAt) });
    }
  }
  const integrations = (await store.listIntegrations()).map((i) => ({ id: i.id, name: i.name, baseUrl: i.baseUrl, timeoutMs: i.timeoutMs, credential: i.credential, protections: i.protections ?? {} }));
  const alertRules = (await store.listAlertRules()).map((r) => ({ id: r.id, rule: r.rule }));
  const credentialsLeftOut = (await store.listCredentials()).map((c) => ({ id: c.id, name: c.name, kind: c.kind }));
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: iso(now), workflows, integrations, alertRules, schedules, credentialsLeftOut, settings };
}
