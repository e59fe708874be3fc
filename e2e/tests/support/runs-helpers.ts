import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Upstream } from '@switchyard/testkit';
import type { RunningServer } from '../fixtures.js';

/**
 * Helpers of the run-view browser tests: example workflows made fast (short retry delays) and
 * namespaced per test (own integrations, upstream paths and webhook path), so the tests of one
 * file share a server and an upstream without seeing each other's requests.
 */

type Json = Record<string, unknown>;
interface WorkflowNode extends Json {
  id: string;
  type: string;
  integration?: string;
  params: Json;
}
interface WorkflowEdge extends Json {
  id: string;
  kind: string;
  source: string;
  target: string;
}
export interface WorkflowDoc extends Json {
  name: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

export interface RunNodeView {
  nodeId: string;
  status: string;
  source: string | null;
  epoch: number;
  attempts: Array<{ number: number; epoch: number; outcome: string | null; startedAt: string; error: { category: string; httpStatus?: number } | null }>;
}
export interface RunView {
  id: string;
  status: string;
  nodes: RunNodeView[];
}

export const TERMINAL = ['succeeded', 'failed', 'compensated', 'needs_attention', 'cancelled'];

export function example(name: string): WorkflowDoc {
  return JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8')) as WorkflowDoc;
}

/**
 * A copy of an example for one test: its integrations renamed `<ns>_<id>`, its webhook path
 * prefixed with `<ns>-`, and every retry edge given a fixed `delayMs` wait (no jitter) so the
 * test is fast and its waits are known.
 */
export function namespaced(doc: WorkflowDoc, ns: string, delayMs = 150): WorkflowDoc {
  const copy = structuredClone(doc);
  copy.name = `${copy.name} (${ns})`;
  for (const node of copy.nodes) {
    if (node.integration !== undefined) node.integration = `${ns}_${node.integration}`;
    if (node.type === 'trigger.webhook') node.params = { ...node.params, path: `${ns}-${String(node.params.path)}` };
  }
  for (const edge of copy.edges) {
    if (edge.kind !== 'retry') continue;
    edge.retry = { ...(edge.retry as Json), backoff: 'fixed', initialDelayMs: delayMs, jitter: 'none' };
    delete (edge.retry as Json).multiplier;
    delete (edge.retry as Json).maxDelayMs;
  }
  return copy;
}

/** Registers the integrations a namespaced workflow uses, each at `<upstream>/<ns>/<id>`. */
export async function createIntegrations(server: RunningServer, upstream: Upstream, ns: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const created = await server.api('POST', '/api/integrations', { id: `${ns}_${id}`, name: `${id} (${ns})`, baseUrl: `${upstream.url}/${ns}/${id}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}

/** Stores a workflow, optionally activates it, and answers its id. */
export async function createWorkflow(server: RunningServer, doc: WorkflowDoc, activate = false): Promise<string> {
  const created = await server.api<{ id: string }>('POST', '/api/workflows', doc);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (activate) expect((await server.api('POST', `/api/workflows/${created.body.id}/activate`)).status).toBe(200);
  return created.body.id;
}

/** Posts to a webhook (async mode) and answers the run id. */
export async function postHook(server: RunningServer, path: string, body: unknown, idempotencyKey?: string): Promise<string> {
  const response = await fetch(`${server.url}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

/** Starts a manual run and answers its id. */
export async function startManualRun(server: RunningServer, workflowId: string, input: unknown = {}): Promise<string> {
  const started = await server.api<{ runId: string }>('POST', `/api/workflows/${workflowId}/runs`, { input });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return started.body.runId;
}

export async function getRun(server: RunningServer, runId: string): Promise<RunView> {
  const answer = await server.api<RunView>('GET', `/api/runs/${runId}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Waits (bounded) until the run has ended, and answers it. */
export async function waitForRunEnd(server: RunningServer, runId: string, timeout = 60_000): Promise<RunView> {
  await expect.poll(async () => TERMINAL.includes((await getRun(server, runId)).status), { timeout, message: `run ${runId} did not end` }).toBe(true);
  return getRun(server, runId);
}

/** Opens a run's page as a user would: through the hash route of the web app. */
export async function openRun(page: Page, server: RunningServer, runId: string): Promise<void> {
  await page.goto(`${server.url}/#/runs/${encodeURIComponent(runId)}`);
  await expect(page.getByTestId('run-page')).toBeVisible();
}

/** Selects a node on the run canvas and waits for its panel. */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.getByTestId(`run-node-${nodeId}`).click();
  await expect(page.getByTestId('node-panel').locator('h3')).toHaveText(nodeId);
}

/** The ordered list of the events list's rows as `node #n outcome` strings. */
export async function eventRows(page: Page): Promise<string[]> {
  return page.getByTestId('run-events').locator('ol > li').allInnerTexts();
}
