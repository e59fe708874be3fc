import type { IntegrationRecord, Store } from '@switchyard/engine';
import { Bundle, validateWorkflow, type ImportItem, type ImportReport, type NodeDefinitions, type Workflow } from '@switchyard/schema';
import { ApiError } from '../http/api-error.js';
import { zodIssues } from '../http/parse-input.js';
import type { AlertStore, CredentialStore, ScheduleStore } from '../ports/index.js';
import { assertWebhooksFree } from '../workflows/webhook-triggers.js';

export type ImportStore = Pick<
  Store,
  'listWorkflows' | 'getWorkflow' | 'listWorkflowVersions' | 'getWorkflowVersion' | 'createWorkflow' | 'updateWorkflow' | 'setWorkflowActive' | 'listIntegrations' | 'getIntegration' | 'putIntegration'
> &
  Pick<AlertStore, 'getAlertRule' | 'putAlertRule'> &
  Pick<CredentialStore, 'listCredentials'> &
  ScheduleStore;

export interface ImportOptions {
  dryRun: boolean;
  now: number;
  definitions: NodeDefinitions;
}

/** JSON text with object keys sorted: the same content compares equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const sameIntegration = (a: IntegrationRecord, b: Bundle['integrations'][number]): boolean =>
  canonical({ name: a.name, baseUrl: a.baseUrl, timeoutMs: a.timeoutMs, credential: a.credential, protections: a.protections ?? {} }) ===
  canonical({ name: b.name, baseUrl: b.baseUrl.replace(/\/+$/, ''), timeoutMs: b.timeoutMs, credential: b.credential, protections: b.protections });

/**
 * Checks the whole bundle first (its shape, then every workflow version as a workflow): any issue
 * refuses it with every issue located, and nothing is written. Then each item is created, found
 * unchanged, or reported as a conflict (same id, different content) and left as it is here.
 */
export async function importBundle(store: ImportStore, input: unknown, options: ImportOptions): Promise<ImportReport> {
  const parsed = Bundle.safeParse(input);
  if (!parsed.success) throw new ApiError('invalid_request', 'the bundle is not valid', { issues: zodIssues(parsed.error) });
  const bundle = parsed.data;
  const [integrations, credentials] = await Promise.all([store.listIntegrations(), store.listCredentials()]);
  const context = {
    integrations: new Set([...integrations.map((i) => i.id), ...bundle.integrations.map((i) => i.id)]),
    credentials: new Set(credentials.map((c) => c.id)),
  };
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const warnings: ImportReport['warnings'] = [];
  const definitions = new Map<string, Workflow[]>();
  bundle.workflows.forEach((wf, w) => {
    const valid: Workflow[] = [];
    wf.versions.forEach((v, i) => {
      const result = validateWorkflow(v.definition, options.definitions, context);
      const at = ['workflows', w, 'versions', i, 'definition'];
      if (!result.ok) for (const issue of result.issues) issues.push({ path: [...at, ...issue.path], message: issue.message });
      else valid.push(result.workflow);
      // Unknown credentials are reported once, below; other warnings as they are.
      for (const warning of result.ok ? result.warnings : []) if (i === wf.versions.length - 1) warnings.push({ path: [...at, ...warning.path].join('.'), message: warning.message });
    });
    definitions.set(wf.id, valid);
  });
  const ids = new Set<string>();
  bundle.workflows.forEach((wf, w) => {
    if (ids.has(wf.id)) issues.push({ path: ['workflows', w, 'id'], message: `the workflow ${wf.id} appears twice` });
    ids.add(wf.id);
  });
  if (issues.length > 0) throw new ApiError('invalid_request', 'the bundle is not valid', { issues });

  const items: ImportItem[] = [];
  const writes: Array<() => Promise<void>> = [];
  for (const integration of bundle.integrations) {
    const existing = await store.getIntegration(integration.id);
    if (existing) {
      items.push({ kind: 'integration', id: integration.id, ...(sameIntegration(existing, integration) ? { outcome: 'unchanged' } : { outcome: 'conflict', detail: 'an integration with this id and other settings is here; left as it is' }) });
      continue;
    }
    items.push({ kind: 'integration', id: integration.id, outcome: 'created' });
    writes.push(() => store.putIntegration({ ...integration, baseUrl: integration.baseUrl.replace(/\/+$/, ''), createdAt: options.now, updatedAt: options.now }));
  }
  const createdWorkflows = new Set<string>();
  for (const wf of bundle.workflows) {
    const versions = definitions.get(wf.id)!;
    const existing = await store.getWorkflow(wf.id);
    if (existing) {
      const here = await store.listWorkflowVersions(wf.id);
      let same = here.length === versions.length;
      for (let i = 0; same && i < versions.length; i++) same = canonical((await store.getWorkflowVersion(wf.id, i + 1))?.definition) === canonical(versions[i]);
      items.push({ kind: 'workflow', id: wf.id, ...(same ? { outcome: 'unchanged' } : { outcome: 'conflict', detail: `this installation has ${here.length} version(s) of it with other content; left as it is` }) });
      continue;
    }
    // Activated as exported unless an active workflow here already answers one of its webhooks.
    let activate = wf.active;
    let held = '';
    if (activate) {
      try {
        await assertWebhooksFree(store, wf.id, versions.at(-1)!);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        activate = false;
        held = `; left inactive: ${error.message}`;
      }
    }
    items.push({ kind: 'workflow', id: wf.id, outcome: 'created', detail: `${versions.length} version(s)${activate ? ', active' : ''}${held}` });
    createdWorkflows.add(wf.id);
    writes.push(async () => {
      await store.createWorkflow(wf.id, versions[0]!, Date.parse(wf.versions[0]!.createdAt));
      for (let i = 1; i < versions.length; i++) await store.updateWorkflow(wf.id, versions[i]!, Date.parse(wf.versions[i]!.createdAt));
      if (activate) await store.setWorkflowActive(wf.id, true, options.now);
    });
  }
  for (const { id, rule } of bundle.alertRules) {
    const existing = await store.getAlertRule(id);
    if (existing) {
      items.push({ kind: 'alert_rule', id, ...(canonical(existing.rule) === canonical(rule) ? { outcome: 'unchanged' } : { outcome: 'conflict', detail: 'an alert rule with this id and another definition is here; left as it is' }) });
      continue;
    }
    items.push({ kind: 'alert_rule', id, outcome: 'created' });
    writes.push(() => store.putAlertRule({ id, rule, createdAt: options.now, updatedAt: options.now }));
  }
  for (const schedule of bundle.schedules) {
    const id = `${schedule.workflowId}/${schedule.nodeId}`;
    const lastFiredAt = Date.parse(schedule.lastFiredAt);
    if (!createdWorkflows.has(schedule.workflowId)) {
      const here = await store.getScheduleFire(schedule.workflowId, schedule.nodeId);
      items.push({ kind: 'schedule', id, ...(here?.lastFiredAt === lastFiredAt ? { outcome: 'unchanged' } : { outcome: 'conflict', detail: "the workflow was not imported: this installation's schedule state is kept" }) });
      continue;
    }
    items.push({ kind: 'schedule', id, outcome: 'created' });
    writes.push(() => store.recordScheduleFire({ workflowId: schedule.workflowId, nodeId: schedule.nodeId, lastFiredAt }));
  }
  const used = new Set<string>([...bundle.integrations.flatMap((i) => (i.credential ? [i.credential] : [])), ...[...definitions.values()].flatMap((vs) => (vs.at(-1)?.nodes ?? []).flatMap((n) => (n.credential ? [n.credential] : [])))]);
  const missingCredentials = [...used].filter((c) => !context.credentials.has(c)).sort();
  if (!options.dryRun) for (const write of writes) await write();
  const count = (outcome: ImportItem['outcome']): number => items.filter((i) => i.outcome === outcome).length;
  return { dryRun: options.dryRun, items, created: count('created'), unchanged: count('unchanged'), conflicts: count('conflict'), missingCredentials, warnings };
}
