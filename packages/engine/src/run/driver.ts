import { RUNS_AFTER_COMMIT } from '../decide/commands.js';
import type { Command, RunEvent } from '../decide/commands.js';
import { decide, decideNext } from '../decide/decide.js';
import type { DecisionInputs, NodeFacts, RunState } from '../decide/state.js';
import type { EngineEnv } from '../env.js';
import type { Graph } from '../graph.js';
import type { NodeExecutor, TimerHandle } from '../ports.js';
import { TERMINAL_RUN_STATUSES } from '../records.js';
import type { AttemptRecord, NodeRunRecord, RunRecord } from '../records.js';
import { Step } from '../step.js';
import { commandHandlers } from './act.js';
import type { Fence } from './leases.js';
import type { Actor, CommandAnswer } from './act.js';

/** A run that keeps changing without settling is an engine bug, not a reason to spin forever. */
const MAX_ROUNDS = 10_000;

/**
 * Drives one run: queues its events and handles them one at a time. For each, the decisions
 * (decide/) change the run's state and answer commands; the driver carries the commands out,
 * feeding their answers back to the decisions, commits the step's changes in one write, and only
 * then carries out what reaches outside the run (sending attempts, arming timers).
 */
export class RunDriver {
  readonly state: RunState;
  private readonly actor: Actor;
  private readonly handlers: ReturnType<typeof commandHandlers>;
  private readonly facts: NodeFacts;
  private readonly timers = new Map<string, TimerHandle>();
  private readonly controllers = new Map<string, AbortController>();
  private chain: Promise<void> = Promise.resolve();
  private step = new Step();
  private afterCommit: Command[] = [];
  private broken = false;

  constructor(
    private readonly env: EngineEnv,
    run: RunRecord,
    nodes: NodeRunRecord[],
    graph: Graph,
    /** The lease this driver writes under: a step of a run taken over since is refused. */
    private readonly fence: Fence,
  ) {
    for (const n of nodes) run.completionSeq = Math.max(run.completionSeq, n.completedSeq ?? 0);
    this.state = { graph, run, nodes: new Map(nodes.map((n) => [n.nodeId, n])), inFlight: new Map(), sleeping: new Map(), scheduledDelay: new Map() };
    this.facts = nodeFacts(env, this.state);
    this.actor = {
      env,
      state: this.state,
      step: () => this.step,
      ready: new Map(),
      controllers: this.controllers,
      armTimer: (nodeId, at) => this.armTimer(nodeId, at),
      disarmTimer: (nodeId) => this.disarmTimer(nodeId),
      deliver: (event) => void this.enqueue(event),
    };
    this.handlers = commandHandlers(this.actor);
  }

  get run(): RunRecord {
    return this.state.run;
  }

  get ended(): boolean {
    return TERMINAL_RUN_STATUSES.has(this.state.run.status);
  }

  /** The nodes the step in progress was working on (what a failed step is blamed on). */
  get stepNodes(): string[] {
    return [...this.step.nodes];
  }

  recover(openAttempts: AttemptRecord[]): Promise<void> {
    return this.enqueue({ type: 'recover', openAttempts });
  }

  cancel(compensate: boolean): Promise<void> {
    return this.enqueue({ type: 'cancel', compensate });
  }

  cancelOnLoad(openAttempts: AttemptRecord[], compensate: boolean): Promise<void> {
    return this.enqueue({ type: 'cancel_on_load', openAttempts, compensate });
  }

  resume(graph: Graph, version: number): Promise<void> {
    return this.enqueue({ type: 'resume', graph, version });
  }

  giveUpOn(nodeIds: readonly string[], failure: Extract<RunEvent, { type: 'give_up' }>['failure'], outright: boolean): Promise<void> {
    return this.enqueue({ type: 'give_up', nodeIds, failure, outright });
  }

  /** Handles `event` after the run's earlier events, then what became due, commits and acts. */
  enqueue(event: RunEvent): Promise<void> {
    const next = this.chain.then(async () => {
      // After stop, state stays as committed: a restart takes the run back from there.
      if (this.broken || this.env.isStopped()) return;
      this.step = new Step();
      this.afterCommit = [];
      try {
        if (event.type === 'timer_fired') this.timers.delete(event.nodeId);
        const commands = decide(this.inputs(), event);
        if (commands.length > 0) await this.carryOut(commands);
        await this.settle();
        await this.flush();
      } catch (err) {
        this.fail(err);
      }
    });
    this.chain = next;
    return this.env.track(next);
  }

  /** Asks the decisions what the run does next until it has settled. */
  private async settle(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (this.broken) return;
      const commands = decideNext(this.inputs());
      if (commands.length === 0) return;
      await this.carryOut(commands);
    }
    throw new Error('the run did not settle (engine bug)');
  }

  /** Carries out commands in order; an answer is decided at once, and its commands carried out first. */
  private async carryOut(commands: readonly Command[]): Promise<void> {
    for (const command of commands) {
      if (RUNS_AFTER_COMMIT[command.type]) {
        this.afterCommit.push(command);
        continue;
      }
      // Most handlers answer at once: awaited only when they did not.
      const handled = this.handle(command);
      const answer = handled instanceof Promise ? await handled : handled;
      if (!answer) continue;
      const next = decide(this.inputs(), answer);
      if (next.length > 0) await this.carryOut(next);
    }
  }

  private handle(command: Command): Promise<CommandAnswer> | CommandAnswer {
    const handler = this.handlers[command.type] as (c: Command) => Promise<CommandAnswer> | CommandAnswer;
    return handler(command);
  }

  private inputs(): DecisionInputs {
    const { env } = this;
    return { state: this.state, step: this.step, now: env.clock.now(), random: env.random, facts: this.facts, maxInterruptions: env.options.maxInterruptions };
  }

  private async flush(): Promise<void> {
    const { step, state } = this;
    if (!step.isEmpty()) await this.env.store.commit({ ...step.toChangeset(state.run, state.nodes), fence: { runId: this.fence.runId, owner: this.fence.owner, epoch: this.fence.epoch } });
    for (const command of this.afterCommit) {
      const handled = this.handle(command);
      if (handled instanceof Promise) await handled;
    }
    this.afterCommit = [];
    const ended = this.ended;
    if (ended) this.disposeTimers();
    const nodes = [...step.nodes].flatMap((id) => state.nodes.get(id) ?? []);
    this.env.notify({ run: state.run, runChanged: step.runChanged, nodes, ended });
    if (step.moreWork && !ended) void this.enqueue({ type: 'continue' });
  }

  private armTimer(nodeId: string, at: number): void {
    this.disarmTimer(nodeId);
    this.timers.set(nodeId, this.env.clock.setTimer(at, () => void this.enqueue({ type: 'timer_fired', nodeId })));
  }

  private disarmTimer(nodeId: string): void {
    const handle = this.timers.get(nodeId);
    if (handle) this.env.clock.clearTimer(handle);
    this.timers.delete(nodeId);
  }

  /** A step that could not be completed leaves memory ahead of the store: drop it and reload. */
  private fail(err: unknown): void {
    this.broken = true;
    for (const controller of this.controllers.values()) controller.abort();
    this.disposeTimers();
    this.env.driverFailed(this.state.run.id, this.stepNodes, err);
  }

  disposeTimers(): void {
    for (const id of [...this.timers.keys()]) this.disarmTimer(id);
  }
}

/** The node types' declared facts, as the decisions ask for them. */
function nodeFacts(env: EngineEnv, state: RunState): NodeFacts {
  const executorOf = (nodeId: string): NodeExecutor | undefined => {
    const def = state.graph.nodes.get(nodeId);
    return def ? env.nodes.get(def.type) : undefined;
  };
  return {
    isPure: (nodeId) => executorOf(nodeId)?.pure === true,
    joinsOnFirst: (nodeId) => executorOf(nodeId)?.definition.joinMode?.(state.graph.nodes.get(nodeId)?.params ?? {}) === 'first',
    isRetrySafe(nodeId, params) {
      const exec = executorOf(nodeId);
      const explicit = state.graph.nodes.get(nodeId)?.policy?.idempotencyKey !== undefined;
      return !exec || exec.retrySafe(params, { idempotencyKeyExplicit: explicit });
    },
  };
}
