import { AVAILABILITY_CATEGORIES, FALLBACK_DEFAULT_CATEGORIES, POLICY_DEFAULTS, failure } from '@switchyard/schema';
import type { ErrorCategory, Failure, Json } from '@switchyard/schema';
import { isCompensationStep } from '../graph.js';
import type { Graph } from '../graph.js';
import { DEFAULT_COMPENSATION_RETRY, NO_RETRY, decideRetry, resolveRetryPolicy } from '../retry-policy.js';
import type { ResolvedRetryPolicy } from '../retry-policy.js';
import { beginAttempt } from './begin-attempt.js';
import type { DependencyHealth, HealthCheckPurpose } from './commands.js';
import { compensationDone } from './compensation.js';
import { emit, finishNode, nodeOf, resetTarget, touch, touchRun } from './state.js';
import type { Decision } from './state.js';
import { stopForward } from './stop.js';
import { succeeded } from './success.js';

/**
 * semantics.md "What happens when a node fails", in its order: 1 retry, 2 fallback edges,
 * 3 last-known-good, 4 defer, 5 fail (or go on, for an optional step). What needs a look-up
 * (the retry budget, a stored output, a breaker) is asked for with a command and goes on when
 * the answer comes back.
 */

/** What a deferral waits out (step 4): availability failures and a locked credential. */
const DEFERRABLE: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>([...AVAILABILITY_CATEGORIES, 'credential_locked']);

export function retryPolicyOf(graph: Graph, nodeId: string): ResolvedRetryPolicy {
  const edge = graph.retry.get(nodeId);
  if (edge) return resolveRetryPolicy(edge.retry);
  return isCompensationStep(graph, nodeId) && graph.roles.get(nodeId)?.kind === 'compensation' ? DEFAULT_COMPENSATION_RETRY : NO_RETRY;
}

/** Step 1: an attempt failed; retry it if the policy says so, else go on to its fallbacks. */
export function attemptFailed(d: Decision, nodeId: string, f: Failure): void {
  const { state } = d;
  const node = nodeOf(d, nodeId);
  node.error = f;
  touch(d, node);
  if (state.run.phase === 'forward' && state.run.stopReason) {
    // The run is stopping: attempts in flight finish and are recorded, nothing is retried.
    finishNode(d, node, state.run.stopReason.kind === 'cancelled' ? 'cancelled' : 'failed');
    return;
  }
  const decision = decideRetry(retryPolicyOf(state.graph, nodeId), node.tries, f, d.random);
  if (!decision.retry) return exhausted(d, nodeId, f);
  // Retries of a call to an integration come out of its retry budget (no retry storms).
  const integration = state.graph.nodes.get(nodeId)?.integration;
  if (integration !== undefined && !d.facts.isPure(nodeId)) {
    emit(d, { type: 'ask_retry_budget', nodeId, integration, failure: f, delayMs: decision.delayMs });
    return;
  }
  scheduleRetry(d, nodeId, decision.delayMs);
}

export function retryBudgetAnswered(d: Decision, nodeId: string, f: Failure, delayMs: number, allowed: boolean): void {
  if (allowed) return scheduleRetry(d, nodeId, delayMs);
  const node = nodeOf(d, nodeId);
  const spent = { ...f, message: `${f.message} (not retried: the retry budget of integration '${d.state.graph.nodes.get(nodeId)?.integration}' is spent)` };
  node.error = spent;
  exhausted(d, nodeId, spent);
}

function scheduleRetry(d: Decision, nodeId: string, delayMs: number): void {
  const node = nodeOf(d, nodeId);
  const dueAt = d.now + delayMs;
  node.status = 'retrying';
  node.nextAttemptAt = dueAt;
  d.state.scheduledDelay.set(nodeId, delayMs);
  d.step.setTimer({ runId: d.state.run.id, nodeId, kind: 'retry', dueAt });
  emit(d, { type: 'arm_timer', nodeId, at: dueAt });
}

/** The node's own attempts are spent: its fallbacks, then steps 3 to 5. */
function exhausted(d: Decision, nodeId: string, f: Failure): void {
  nodeOf(d, nodeId).exhaustedFailure = f;
  if (tryNextFallback(d, nodeId)) return;
  gaveUp(d, nodeId, f);
}

/** Step 2: the source's fallback edges, in order, whose `on` holds the category. */
function tryNextFallback(d: Decision, nodeId: string): boolean {
  const node = nodeOf(d, nodeId);
  const f = node.exhaustedFailure;
  const edges = d.state.graph.fallbacks.get(nodeId) ?? [];
  if (!f) return false;
  for (let i = (node.fallbackIndex ?? -1) + 1; i < edges.length; i++) {
    const edge = edges[i]!;
    if (!(edge.on ?? FALLBACK_DEFAULT_CATEGORIES).includes(f.category)) continue;
    const target = d.state.nodes.get(edge.target);
    if (!target) continue;
    node.fallbackIndex = i;
    node.status = 'running';
    touch(d, node);
    resetTarget(target);
    touch(d, target);
    beginAttempt(d, edge.target);
    return true;
  }
  node.fallbackIndex = edges.length;
  touch(d, node);
  return false;
}

/** Retries and fallbacks are exhausted: steps 3 to 5, or hand back to whom this node served. */
export function gaveUp(d: Decision, nodeId: string, f: Failure): void {
  const { state } = d;
  const node = nodeOf(d, nodeId);
  const role = state.graph.roles.get(nodeId);
  if (role?.kind === 'fallback') {
    finishNode(d, node, 'failed');
    const parent = nodeOf(d, role.for);
    if (state.run.phase === 'forward' && state.run.stopReason) {
      parent.error ??= parent.exhaustedFailure;
      finishNode(d, parent, state.run.stopReason.kind === 'cancelled' ? 'cancelled' : 'failed');
      return;
    }
    if (tryNextFallback(d, role.for)) return;
    return gaveUp(d, role.for, parent.exhaustedFailure ?? f);
  }
  if (role?.kind === 'compensation') {
    finishNode(d, node, 'failed');
    return compensationDone(d, role.undoes, false);
  }
  if (state.graph.nodes.get(nodeId)?.policy?.lastKnownGood) {
    emit(d, { type: 'look_up_last_known_good', nodeId, failure: f });
    return;
  }
  withoutLastKnownGood(d, nodeId, f);
}

/** Step 3: a stored output young enough stands in for the failed node. */
export function lastKnownGoodAnswered(d: Decision, nodeId: string, f: Failure, found: { output: Json; updatedAt: number } | undefined): void {
  const policy = d.state.graph.nodes.get(nodeId)?.policy?.lastKnownGood;
  if (policy && found !== undefined && d.now - found.updatedAt <= policy.maxAgeMs) {
    nodeOf(d, nodeId).error = f;
    return succeeded(d, nodeId, found.output, 'last_known_good');
  }
  withoutLastKnownGood(d, nodeId, f);
}

function withoutLastKnownGood(d: Decision, nodeId: string, f: Failure): void {
  nodeOf(d, nodeId).error = f;
  const policy = d.state.graph.nodes.get(nodeId)?.policy?.defer;
  if (policy && DEFERRABLE.has(f.category)) return startDeferral(d, nodeId, f, policy.maxWaitMs);
  failFinally(d, nodeId, f);
}

/** Step 5: an optional step lets the run go on; otherwise the run fails and compensation follows. */
export function failFinally(d: Decision, nodeId: string, f: Failure): void {
  const node = nodeOf(d, nodeId);
  node.error = f;
  finishNode(d, node, 'failed');
  if ((d.state.graph.nodes.get(nodeId)?.policy?.onFailure ?? POLICY_DEFAULTS.onFailure) === 'continue') return;
  d.state.run.stopReason = { kind: 'node_failed', nodeId, failure: f };
  touchRun(d);
  stopForward(d);
}

/**
 * Step 4: park the node until its integration is healthy again or its credential is fixed, then
 * start it over with a fresh attempt count; all its deferrals together last at most `maxWaitMs`
 * (`deferredUntil`). Past that time, step 5.
 */
function startDeferral(d: Decision, nodeId: string, f: Failure, maxWaitMs: number): void {
  const node = nodeOf(d, nodeId);
  node.deferredUntil ??= d.now + maxWaitMs;
  if (d.now >= node.deferredUntil) return failFinally(d, nodeId, f);
  emit(d, { type: 'check_health', nodeId, failure: f, then: 'park' });
}

/** A deferred node's timer fired: past its time, step 5; else look whether it may start over. */
export function wakeDeferred(d: Decision, nodeId: string): void {
  const node = nodeOf(d, nodeId);
  const f = node.error ?? failure('internal', 'a deferred node lost its failure');
  const policy = d.state.graph.nodes.get(nodeId)?.policy?.defer;
  if (!policy || node.deferredUntil === null || d.now >= node.deferredUntil) return failFinally(d, nodeId, f);
  emit(d, { type: 'check_health', nodeId, failure: f, then: 'wake' });
}

/** A deferral's health check: still unhealthy, park (again); healthy when waking, start over. */
export function healthAnswered(d: Decision, nodeId: string, f: Failure, then: HealthCheckPurpose, health: DependencyHealth): void {
  const until = unhealthyUntil(d, nodeId, f, health);
  if (then === 'park' || until !== undefined) return park(d, nodeId, f, until);
  const node = nodeOf(d, nodeId);
  node.tries = 0;
  node.fallbackIndex = null;
  node.exhaustedFailure = null;
  beginAttempt(d, nodeId);
}

function park(d: Decision, nodeId: string, f: Failure, unhealthyUntilAt: number | undefined): void {
  const node = nodeOf(d, nodeId);
  const checkAt = unhealthyUntilAt ?? d.now + checkEveryMs(d, nodeId);
  const wakeAt = Math.min(node.deferredUntil ?? d.now, Math.max(checkAt, d.now + 1));
  node.status = 'deferred';
  node.error = f;
  node.nextAttemptAt = wakeAt;
  touch(d, node);
  d.step.setTimer({ runId: d.state.run.id, nodeId, kind: 'defer', dueAt: wakeAt });
  emit(d, { type: 'arm_timer', nodeId, at: wakeAt });
}

/**
 * When the node's dependency may be healthy again, if it is not now: a locked credential, at the
 * next check; an open breaker, when it lets probes through. Undefined: healthy (or nothing known
 * against it), worth a fresh start.
 */
function unhealthyUntil(d: Decision, nodeId: string, f: Failure, health: DependencyHealth): number | undefined {
  if (f.category === 'credential_locked') return health.credentialLocked === true ? d.now + checkEveryMs(d, nodeId) : undefined;
  const open = health.breakerOpenUntil;
  return open !== undefined && open > d.now ? open : undefined;
}

function checkEveryMs(d: Decision, nodeId: string): number {
  return d.state.graph.nodes.get(nodeId)?.policy?.defer?.checkEveryMs ?? POLICY_DEFAULTS.deferCheckEveryMs;
}
