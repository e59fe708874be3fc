import type { Json } from '@switchyard/schema';
import type { Graph } from '../graph.js';
import type { ExecutionResult, Random } from '../ports.js';
import { TERMINAL_RUN_STATUSES } from '../records.js';
import type { AttemptRecord, NodeRunRecord, RunRecord } from '../records.js';
import type { Step } from '../step.js';
import type { Command } from './commands.js';
import { mainInput } from './inputs.js';

/** One run as the decisions see it: its records and what is in flight in this process. */
export interface RunState {
  graph: Graph;
  readonly run: RunRecord;
  readonly nodes: Map<string, NodeRunRecord>;
  /** Attempts sent to an executor and not answered yet, by node. */
  readonly inFlight: Map<string, AttemptRecord>;
  /** Delay nodes asleep until their timer fires: their open attempt. */
  readonly sleeping: Map<string, AttemptRecord>;
  /** The delay scheduled before a node's next attempt, shown in its attempt history. */
  readonly scheduledDelay: Map<string, number>;
}

/** What the decisions know of node types: declared by each type, no I/O. */
export interface NodeFacts {
  /** Pure nodes run inside the step that starts them (nothing to commit before, nothing to abort). */
  isPure(nodeId: string): boolean;
  /** Whether an interrupted attempt of the node may be repeated (true when its type is unknown: it fails to start). */
  isRetrySafe(nodeId: string, params: Json | null): boolean;
  /** Whether the node runs at its first live incoming edge instead of waiting for all (its type's `joinMode`). */
  joinsOnFirst(nodeId: string): boolean;
}

export interface DecisionInputs {
  readonly state: RunState;
  /** The step's changes so far; decisions add to them. */
  readonly step: Step;
  readonly now: number;
  readonly random: Random;
  readonly facts: NodeFacts;
  readonly maxInterruptions: number;
}

/** One decision in progress: its inputs and the commands it has made so far. */
export interface Decision extends DecisionInputs {
  readonly commands: Command[];
}

export function emit(d: Decision, command: Command): void {
  d.commands.push(command);
}

export function nodeOf(d: Decision, nodeId: string): NodeRunRecord {
  const node = d.state.nodes.get(nodeId);
  if (!node) throw new Error(`the run has no node '${nodeId}' (engine bug)`);
  return node;
}

export function isEnded(d: Decision): boolean {
  return TERMINAL_RUN_STATUSES.has(d.state.run.status);
}

export function touch(d: Decision, node: NodeRunRecord): void {
  d.step.nodes.add(node.nodeId);
}

export function touchRun(d: Decision): void {
  d.step.runChanged = true;
}

export function finishNode(d: Decision, node: NodeRunRecord, status: 'succeeded' | 'failed' | 'cancelled' | 'skipped'): void {
  node.status = status;
  node.finishedAt = d.now;
  node.nextAttemptAt = null;
  touch(d, node);
}

/** Records how an attempt ended. */
export function closeAttempt(d: Decision, attempt: AttemptRecord, result: ExecutionResult): void {
  attempt.finishedAt = d.now;
  attempt.durationMs = Math.max(0, d.now - attempt.startedAt);
  attempt.outcome = result.ok ? 'succeeded' : result.failure.category === 'cancelled' ? 'cancelled' : 'failed';
  attempt.error = result.ok ? null : result.failure;
  attempt.request = result.request ?? attempt.request;
  attempt.response = result.response ?? attempt.response;
  d.step.attempt(attempt);
}

/** `$input` of a node: a fallback sees its source's input, an undo step the undone node's output. */
export function inputOf(state: RunState, nodeId: string): Json | null {
  const role = state.graph.roles.get(nodeId);
  if (role?.kind === 'fallback') return state.nodes.get(role.for)?.input ?? null;
  if (role?.kind === 'compensation') return state.nodes.get(role.undoes)?.output ?? null;
  if (nodeId === state.graph.triggerId) return state.run.trigger as unknown as Json;
  return mainInput(state.graph, nodeId, state.nodes);
}

export function newNodeRun(runId: string, nodeId: string): NodeRunRecord {
  return {
    runId,
    nodeId,
    status: 'pending',
    source: null,
    epoch: 1,
    input: null,
    output: null,
    params: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    nextAttemptAt: null,
    deferredUntil: null,
    handle: null,
    handles: null,
    lastAttempt: 0,
    tries: 0,
    interruptions: 0,
    completedSeq: null,
    fallbackIndex: null,
    exhaustedFailure: null,
  };
}

/** A fallback or compensation target acting afresh: a new sequence of attempts, same epoch. */
export function resetTarget(node: NodeRunRecord): void {
  Object.assign(node, {
    status: 'pending',
    source: null,
    output: null,
    error: null,
    handle: null,
    handles: null,
    startedAt: null,
    finishedAt: null,
    nextAttemptAt: null,
    tries: 0,
    interruptions: 0,
    completedSeq: null,
    fallbackIndex: null,
    exhaustedFailure: null,
  });
}

/** Resume: a node that runs again starts a new epoch, hence a new default idempotency key. */
export function resetForNewEpoch(node: NodeRunRecord): void {
  resetTarget(node);
  node.deferredUntil = null;
  node.epoch += 1;
  node.input = null;
  node.params = null;
}
