import { resolveRetryPolicy } from '@switchyard/engine';
import type { AttemptRecord, IntegrationRecord, StoredWorkflow } from '@switchyard/engine';
import { ERROR_CATEGORIES, POLICY_DEFAULTS } from '@switchyard/schema';
import type { Advice, AdviceChange, ErrorCategory, RetryEdge, WorkflowNode } from '@switchyard/schema';
import { percentile } from '../runs/percentile.js';
import type { RunHistoryItem } from '../runs/run-history.js';
import { hostIntegration } from './signature.js';

/**
 * Advice from failure history (semantics.md "Health, alerts and learning"): concrete changes
 * to the current version of a workflow, each with the figures it rests on. Only runs of the
 * version the advice is for count, so advice never rests on a configuration that is gone.
 */

/** How much history a piece of advice needs, and what it takes to speak up. */
export const ADVICE_THRESHOLDS = {
  /** Timeouts of one node before its timeout is questioned. */
  minTimeouts: 3,
  /** ... and their share of its attempts. */
  minTimeoutShare: 0.05,
  /** Successful calls' p99 at least this share of the timeout: the tail is being cut off. */
  tailShareOfTimeout: 0.8,
  /** Failures of one category followed by a retry, none of which recovered, before advising to stop. */
  minHopelessRetries: 5,
  /** Failures recovered by retrying before the attempt count is questioned. */
  minRecoveries: 20,
  /** Share of recoveries the advised attempt count keeps. */
  recoveriesKept: 0.99,
  /** Completions of a node with fallbacks before its fallback share counts. */
  minCompletions: 10,
  /** Share of them a fallback stood in for, from which the primary is the problem. */
  fallbackShare: 0.5,
} as const;

/** One node's attempts in one run and epoch, oldest first: a sequence of tries. */
type Sequence = AttemptRecord[];

/** Advice for `workflow` (its latest version) from `items`, the window's runs of every workflow. */
export function adviseWorkflow(workflow: StoredWorkflow, items: readonly RunHistoryItem[], integrations: ReadonlyMap<string, IntegrationRecord>): Advice[] {
  const own = items.filter((i) => i.run.workflowId === workflow.id && i.run.workflowVersion === workflow.version);
  if (own.length === 0) return [];
  const definition = workflow.definition;
  const out: Advice[] = [];
  const base = { workflowId: workflow.id, version: workflow.version };
  for (const node of definition.nodes) {
    const sequences = sequencesOf(own, node.id);
    const integration = node.integration ?? hostOf(sequences);
    const ctx = { ...base, node, integration };
    const timeout = adviseTimeout(ctx, sequences, latenciesOf(items, integration), integrations);
    if (timeout) out.push(timeout);
    const retry = definition.edges.find((e): e is RetryEdge => e.kind === 'retry' && e.source === node.id);
    if (retry) out.push(...adviseRetry(ctx, retry, sequences));
    if (definition.edges.some((e) => e.kind === 'fallback' && e.source === node.id)) {
      const fallback = adviseFallbackShare(ctx, own);
      if (fallback) out.push(fallback);
    }
  }
  return out;
}

interface NodeContext {
  workflowId: string;
  version: number;
  node: WorkflowNode;
  integration: string | null;
}

function adviceId(ctx: NodeContext, kind: Advice['kind'], extra = ''): string {
  return [kind, ctx.workflowId, ctx.version, ctx.node.id, extra].filter((p) => p !== '').join(':');
}

function adviseTimeout(ctx: NodeContext, sequences: Sequence[], latencies: number[], integrations: ReadonlyMap<string, IntegrationRecord>): Advice | undefined {
  const attempts = sequences.flat();
  const timeouts = attempts.filter((a) => a.error?.category === 'timeout').length;
  if (timeouts < ADVICE_THRESHOLDS.minTimeouts || timeouts / attempts.length < ADVICE_THRESHOLDS.minTimeoutShare || latencies.length === 0) return undefined;
  const timeoutMs = ctx.node.policy?.timeoutMs ?? (ctx.node.integration ? integrations.get(ctx.node.integration)?.timeoutMs : null) ?? POLICY_DEFAULTS.timeoutMs;
  const p95 = percentile(latencies, 95) ?? 0;
  const p99 = percentile(latencies, 99) ?? 0;
  if (p99 < timeoutMs * ADVICE_THRESHOLDS.tailShareOfTimeout) return undefined;
  const to = Math.min(3_600_000, Math.ceil((Math.max(p99, timeoutMs) * 1.5) / 500) * 500);
  return {
    id: adviceId(ctx, 'raise_timeout'),
    kind: 'raise_timeout',
    workflowId: ctx.workflowId,
    version: ctx.version,
    nodeId: ctx.node.id,
    integration: ctx.integration,
    title: `Raise the timeout of '${ctx.node.id}' from ${timeoutMs} ms to ${to} ms`,
    evidence: `${timeouts} of ${attempts.length} attempts timed out at ${timeoutMs} ms; successful calls${ctx.integration ? ` to ${ctx.integration}` : ''} took p95 ${p95} ms, p99 ${p99} ms (${latencies.length} calls): the timeout cuts off the latency tail`,
    change: { kind: 'set_timeout', nodeId: ctx.node.id, from: timeoutMs, to },
  };
}

function adviseRetry(ctx: NodeContext, edge: RetryEdge, sequences: Sequence[]): Advice[] {
  const policy = resolveRetryPolicy(edge.retry);
  const out: Advice[] = [];
  // Categories whose retries never recover: a failure of that category, a retry after it, and no success after.
  const hopeless: ErrorCategory[] = [];
  for (const category of ERROR_CATEGORIES) {
    if (!policy.on.has(category)) continue;
    let retried = 0;
    let recovered = 0;
    for (const seq of sequences) {
      const first = seq.findIndex((a) => a.error?.category === category);
      if (first < 0 || first === seq.length - 1) continue;
      retried += 1;
      if (seq.slice(first + 1).some((a) => a.outcome === 'succeeded')) recovered += 1;
    }
    if (retried >= ADVICE_THRESHOLDS.minHopelessRetries && recovered === 0) {
      hopeless.push(category);
      out.push({
        id: adviceId(ctx, 'stop_retrying', category),
        kind: 'stop_retrying',
        workflowId: ctx.workflowId,
        version: ctx.version,
        nodeId: ctx.node.id,
        integration: ctx.integration,
        title: `Stop retrying '${ctx.node.id}' on ${category}`,
        evidence: `${retried} times a ${category} failure was retried and none of those retries recovered; they only added load and delay`,
        change: null,
      });
    }
  }
  if (hopeless.length > 0) {
    const from = [...policy.on].sort();
    const to = from.filter((c) => !hopeless.includes(c));
    const change: AdviceChange = to.length === 0 ? { kind: 'remove_edge', edgeId: edge.id } : { kind: 'set_retry_on', edgeId: edge.id, from, to };
    // One change carries every hopeless category: applying one piece of advice applies them all.
    for (const advice of out) advice.change = change;
  }

  const max = policy.maxAttempts;
  const recoveredAt = sequences.filter((s) => s.length >= 2 && s.at(-1)?.outcome === 'succeeded').map((s) => s.length);
  if (max >= 3 && recoveredAt.length >= ADVICE_THRESHOLDS.minRecoveries) {
    recoveredAt.sort((x, y) => x - y);
    const keep = recoveredAt[Math.ceil(recoveredAt.length * ADVICE_THRESHOLDS.recoveriesKept) - 1]!;
    const to = Math.max(2, keep);
    if (to < max) {
      const late = recoveredAt.filter((n) => n > to).length;
      const exhausted = sequences.filter((s) => s.length >= max && s.every((a) => a.outcome === 'failed')).length;
      out.push({
        id: adviceId(ctx, 'fewer_attempts'),
        kind: 'fewer_attempts',
        workflowId: ctx.workflowId,
        version: ctx.version,
        nodeId: ctx.node.id,
        integration: ctx.integration,
        title: `Lower maxAttempts of '${ctx.node.id}' from ${max} to ${to}`,
        evidence: `${recoveredAt.length} failures recovered by retrying, ${percent(recoveredAt.length - late, recoveredAt.length)} of them by attempt ${to}; attempts ${to + 1} to ${max} recovered ${late} and ${exhausted} sequences used them all and still failed`,
        change: { kind: 'set_max_attempts', edgeId: edge.id, from: max, to },
      });
    }
  }
  return out;
}

function adviseFallbackShare(ctx: NodeContext, items: readonly RunHistoryItem[]): Advice | undefined {
  let completions = 0;
  let byFallback = 0;
  for (const item of items) {
    const node = item.nodes.find((n) => n.nodeId === ctx.node.id);
    if (!node || (node.status !== 'succeeded' && node.status !== 'failed')) continue;
    completions += 1;
    if (node.source?.startsWith('fallback:')) byFallback += 1;
  }
  if (completions < ADVICE_THRESHOLDS.minCompletions || byFallback / completions < ADVICE_THRESHOLDS.fallbackShare) return undefined;
  return {
    id: adviceId(ctx, 'primary_fails'),
    kind: 'primary_fails',
    workflowId: ctx.workflowId,
    version: ctx.version,
    nodeId: ctx.node.id,
    integration: ctx.integration,
    title: `'${ctx.node.id}' leans on its fallback: the primary is the problem`,
    evidence: `a fallback stood in for ${byFallback} of ${completions} completions (${percent(byFallback, completions)}); look at ${ctx.integration ?? 'the primary'}'s health, or make the fallback the primary`,
    change: null,
  };
}

/** The node's attempt sequences (per run and epoch), without interrupted or cancelled attempts. */
function sequencesOf(items: readonly RunHistoryItem[], nodeId: string): Sequence[] {
  const out: Sequence[] = [];
  for (const item of items) {
    const byEpoch = new Map<number, Sequence>();
    for (const a of item.attempts) {
      if (a.nodeId !== nodeId || (a.outcome !== 'succeeded' && a.outcome !== 'failed')) continue;
      const seq = byEpoch.get(a.epoch) ?? [];
      seq.push(a);
      byEpoch.set(a.epoch, seq);
    }
    out.push(...byEpoch.values());
  }
  return out;
}

/** Durations of successful calls per integration, across every workflow, sorted: built once per history. */
const latencyIndexes = new WeakMap<readonly RunHistoryItem[], Map<string, number[]>>();

function latenciesOf(items: readonly RunHistoryItem[], integration: string | null): number[] {
  if (integration === null) return [];
  let index = latencyIndexes.get(items);
  if (!index) {
    index = new Map();
    for (const item of items) {
      const nodes = new Map((item.version?.definition.nodes ?? []).map((n) => [n.id, n]));
      for (const a of item.attempts) {
        if (a.outcome !== 'succeeded' || a.durationMs === null) continue;
        const key = nodes.get(a.nodeId)?.integration ?? hostIntegration(a.request?.url);
        if (key === null) continue;
        const list = index.get(key) ?? [];
        list.push(a.durationMs);
        index.set(key, list);
      }
    }
    for (const list of index.values()) list.sort((x, y) => x - y);
    latencyIndexes.set(items, index);
  }
  return index.get(integration) ?? [];
}

function hostOf(sequences: Sequence[]): string | null {
  for (const seq of sequences) for (const a of seq) if (a.request) return hostIntegration(a.request.url);
  return null;
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)} %`;
}
