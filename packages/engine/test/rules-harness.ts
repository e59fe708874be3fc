import { failure } from '@switchyard/schema';
import type { ErrorCategory, Failure, Workflow, WorkflowEdge, WorkflowNode } from '@switchyard/schema';
import { compileGraph } from '../src/graph.js';
import type { AttemptRecord, NodeRunRecord, RunRecord } from '../src/records.js';
import { Step } from '../src/step.js';
import type { Command, RunEvent } from '../src/decide/commands.js';
import { decide, decideNext } from '../src/decide/decide.js';
import { newNodeRun } from '../src/decide/state.js';
import type { NodeFacts, RunState } from '../src/decide/state.js';

/**
 * A run held in memory for the decision tables: records set by hand, events decided one at a
 * time, no store, no timers, no executors. Time and randomness are fixed values.
 */
export class RulesHarness {
  readonly state: RunState;
  step = new Step();
  now = 1_000;
  /** What the injected Random answers (jitter). */
  random = 0.5;
  private readonly pure: ReadonlySet<string>;
  private readonly notRetrySafe: ReadonlySet<string>;
  private readonly joinsOnFirst: ReadonlySet<string>;

  constructor(nodes: WorkflowNode[], edges: WorkflowEdge[], options: { pure?: string[]; notRetrySafe?: string[]; joinsOnFirst?: string[] } = {}) {
    const workflow: Workflow = { schemaVersion: 1, name: 'rules', nodes: [{ id: 'start', type: 'trigger.manual', params: {} }, ...nodes], edges };
    const graph = compileGraph(workflow);
    const run: RunRecord = {
      id: 'run',
      workflowId: 'wf',
      workflowVersion: 1,
      status: 'running',
      degraded: false,
      phase: 'forward',
      trigger: { kind: 'manual', body: {} },
      createdAt: 0,
      startedAt: 0,
      finishedAt: null,
      stopReason: null,
      completionSeq: 1,
      mode: 'production',
    };
    const records = new Map(graph.order.map((id) => [id, newNodeRun(run.id, id)]));
    Object.assign(records.get('start')!, { status: 'succeeded', source: 'self', output: {}, completedSeq: 1, tries: 1, lastAttempt: 1 });
    this.state = { graph, run, nodes: records, inFlight: new Map(), sleeping: new Map(), scheduledDelay: new Map() };
    this.pure = new Set(options.pure ?? []);
    this.notRetrySafe = new Set(options.notRetrySafe ?? []);
    this.joinsOnFirst = new Set(options.joinsOnFirst ?? []);
  }

  node(id: string): NodeRunRecord {
    return this.state.nodes.get(id)!;
  }

  set(id: string, fields: Partial<NodeRunRecord>): this {
    Object.assign(this.node(id), fields);
    return this;
  }

  /** Puts an attempt of `id` in flight, as a committed start does. */
  inFlight(id: string, tries = 0): AttemptRecord {
    const node = this.node(id);
    Object.assign(node, { status: 'running', tries, lastAttempt: tries + 1, startedAt: 0 });
    const attempt: AttemptRecord = {
      runId: 'run',
      nodeId: id,
      number: tries + 1,
      epoch: node.epoch,
      startedAt: this.now,
      finishedAt: null,
      durationMs: null,
      outcome: null,
      error: null,
      delayBeforeMs: 0,
      request: null,
      response: null,
    };
    this.state.inFlight.set(id, attempt);
    return attempt;
  }

  decide(event: RunEvent): Command[] {
    return decide(this.inputs(), event);
  }

  next(): Command[] {
    return decideNext(this.inputs());
  }

  /** The attempt in flight of `id` answers with a failure of `category`. */
  fail(id: string, category: ErrorCategory, extra: { retryAfterMs?: number } = {}): Command[] {
    const attempt = this.state.inFlight.get(id) ?? this.inFlight(id);
    return this.decide({ type: 'attempt_finished', nodeId: id, attempt, result: { ok: false, failure: failure(category, `${category} from ${id}`, extra) } });
  }

  succeed(id: string, output: NodeRunRecord['output'] = { ok: true }): Command[] {
    const attempt = this.state.inFlight.get(id) ?? this.inFlight(id);
    return this.decide({ type: 'attempt_finished', nodeId: id, attempt, result: { ok: true, output: output ?? null } });
  }

  statuses(): Record<string, string> {
    return Object.fromEntries([...this.state.nodes.values()].map((n) => [n.nodeId, n.status]));
  }

  private inputs() {
    const facts: NodeFacts = {
      isPure: (id) => this.pure.has(id),
      isRetrySafe: (id) => !this.notRetrySafe.has(id),
      joinsOnFirst: (id) => this.joinsOnFirst.has(id),
    };
    return { state: this.state, step: this.step, now: this.now, random: { next: () => this.random }, facts, maxInterruptions: 3 };
  }
}

/** An `http.request` node; `integration` makes its retries come out of that integration's budget. */
export function call(id: string, extra: Partial<WorkflowNode> = {}): WorkflowNode {
  return { id, type: 'http.request', params: { method: 'GET', url: `http://upstream/${id}` }, ...extra };
}

export function next(source: string, target: string): WorkflowEdge {
  return { id: `${source}->${target}`, kind: 'next', source, target };
}

export function commandTypes(commands: readonly Command[]): string[] {
  return commands.map((c) => c.type);
}

export function failureOf(category: ErrorCategory): Failure {
  return failure(category, `${category} from upstream`);
}
