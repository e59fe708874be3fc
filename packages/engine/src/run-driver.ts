import { AVAILABILITY_CATEGORIES, FALLBACK_DEFAULT_CATEGORIES, POLICY_DEFAULTS, failure } from '@switchyard/schema';
import type { ErrorCategory, Failure, Json } from '@switchyard/schema';
import type { Bindings } from '@switchyard/expressions';
import { isCompensationStep, rootOf } from './graph.js';
import type { Graph } from './graph.js';
import { HAS_OUTPUT, readiness } from './flow.js';
import { continuedFailure, failureBinding, mainInput, succeededOutputs } from './inputs.js';
import { DEFAULT_COMPENSATION_RETRY, NO_RETRY, decideRetry, resolveRetryPolicy } from './retry-policy.js';
import type { ResolvedRetryPolicy } from './retry-policy.js';
import { prepareAttempt, evaluateKey } from './prepare.js';
import type { EngineEnv } from './env.js';
import type { ExecutionResult, NodeExecutor } from './ports.js';
import { TERMINAL_RUN_STATUSES } from './records.js';
import type { AttemptRecord, NodeRunRecord, OutputSource, RunRecord, RunStatus } from './records.js';
import { Step } from './step.js';
import { compensationsDue, producerOf, standInChain, undoneBy } from './compensation.js';
import type { TimerHandle } from './ports.js';

/** Pure nodes finish within the step that starts them: nothing can abort them. */
const NEVER_ABORTED = new AbortController().signal;

/** What a deferral waits out (semantics.md step 4): availability failures and a locked credential. */
const DEFERRABLE: ReadonlySet<ErrorCategory> = new Set<ErrorCategory>([...AVAILABILITY_CATEGORIES, 'credential_locked']);

/** A node started and not yet settled: what a poison step is blamed on. */
const UNSETTLED: ReadonlySet<string> = new Set(['running', 'retrying', 'deferred']);

interface InFlight {
  attempt: AttemptRecord;
  controller: AbortController;
}

/**
 * Drives one run: holds its state in memory, turns events (an attempt finished, a timer fired,
 * cancel, resume) into state changes, commits each step before acting on it, and starts the
 * attempts the step made due. Events of one run are handled one at a time.
 */
export class RunDriver {
  readonly nodes: Map<string, NodeRunRecord>;
  private readonly inFlight = new Map<string, InFlight>();
  /** Delay nodes asleep until their timer fires: their open attempt. */
  private readonly sleeping = new Map<string, AttemptRecord>();
  private readonly timers = new Map<string, TimerHandle>();
  /** The delay scheduled before a node's next attempt, shown in its attempt history. */
  private readonly scheduledDelay = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private step = new Step();
  private broken = false;

  constructor(
    private readonly env: EngineEnv,
    public run: RunRecord,
    nodes: NodeRunRecord[],
    public graph: Graph,
  ) {
    this.nodes = new Map(nodes.map((n) => [n.nodeId, n]));
    for (const n of nodes) this.run.completionSeq = Math.max(this.run.completionSeq, n.completedSeq ?? 0);
  }

  get ended(): boolean {
    return TERMINAL_RUN_STATUSES.has(this.run.status);
  }

  /** Runs `task` after the run's earlier events, then advances, commits and acts. */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    const next = this.chain.then(async () => {
      // After stop, state stays as committed: a restart takes the run back from there.
      if (this.broken || this.env.isStopped()) return;
      this.step = new Step();
      try {
        await task();
        await this.advance();
        await this.flush();
      } catch (err) {
        this.fail(err);
      }
    });
    this.chain = next;
    return this.env.track(next);
  }

  // ---- events -------------------------------------------------------------------------------

  /** Takes the run back after a restart: interrupted attempts, timers, sleeping delay nodes. */
  recover(openAttempts: AttemptRecord[]): Promise<void> {
    return this.enqueue(async () => {
      const now = this.env.clock.now();
      for (const a of openAttempts) {
        const node = this.nodes.get(a.nodeId);
        if (!node) continue;
        if (node.status === 'running' && node.nextAttemptAt !== null && this.executorOf(a.nodeId)?.pure) {
          this.sleeping.set(a.nodeId, a);
          this.armTimer(a.nodeId, node.nextAttemptAt);
          continue;
        }
        await this.interrupted(node, a, now);
      }
      for (const node of this.nodes.values()) {
        if ((node.status === 'retrying' || node.status === 'deferred') && node.nextAttemptAt !== null) this.armTimer(node.nodeId, node.nextAttemptAt);
        else if (node.status === 'running' && node.fallbackIndex === null && !this.sleeping.has(node.nodeId)) {
          const open = openAttempts.some((a) => a.nodeId === node.nodeId);
          if (!open) await this.restartLost(node);
        }
      }
    });
  }

  /** semantics.md Durability: an interrupted attempt is recorded and repeated when that is safe. */
  private async interrupted(node: NodeRunRecord, a: AttemptRecord, now: number): Promise<void> {
    a.outcome = 'interrupted';
    a.finishedAt = now;
    a.durationMs = Math.max(0, now - a.startedAt);
    this.step.attempt(a);
    node.interruptions += 1;
    this.touch(node);
    if (node.interruptions >= this.env.options.maxInterruptions) {
      node.tries += 1;
      await this.attemptFailed(node.nodeId, failure('internal', `the node was interrupted ${node.interruptions} times (its worker was lost); giving up`));
      return;
    }
    const exec = this.executorOf(node.nodeId);
    const explicit = this.graph.nodes.get(node.nodeId)?.policy?.idempotencyKey !== undefined;
    if (exec && !exec.retrySafe(node.params, { idempotencyKeyExplicit: explicit })) {
      const f = failure('internal', 'outcome unknown: the attempt was interrupted and this node is not retry-safe, so it was not repeated');
      node.error = f;
      this.finishNode(node, 'failed');
      if (this.run.phase === 'forward' && !this.run.stopReason) {
        this.run.stopReason = { kind: 'outcome_unknown', nodeId: node.nodeId };
        this.touchRun();
        this.stopForward();
      } else if (isCompensationStep(this.graph, node.nodeId)) {
        await this.gaveUp(node.nodeId, f);
      }
      return;
    }
    await this.startAttempt(node.nodeId);
  }

  /** A node recorded as running whose attempt was never committed: start it again. */
  private async restartLost(node: NodeRunRecord): Promise<void> {
    if (this.graph.roles.get(node.nodeId)?.kind === 'main' && this.run.phase === 'forward') {
      node.status = 'pending';
      this.touch(node);
    } else {
      await this.startAttempt(node.nodeId);
    }
  }

  onTimer(nodeId: string): Promise<void> {
    return this.enqueue(async () => {
      this.timers.delete(nodeId);
      const node = this.nodes.get(nodeId);
      if (!node || node.nextAttemptAt === null) return;
      const now = this.env.clock.now();
      if (node.nextAttemptAt > now) {
        this.armTimer(nodeId, node.nextAttemptAt);
        return;
      }
      const asleep = this.sleeping.get(nodeId);
      if (node.status === 'running' && asleep) {
        this.sleeping.delete(nodeId);
        this.step.clearTimer(nodeId);
        node.nextAttemptAt = null;
        this.closeAttempt(asleep, { ok: true, output: node.output });
        await this.succeeded(nodeId, node.output, 'self', node.handle ?? undefined);
      } else if (node.status === 'retrying') {
        this.step.clearTimer(nodeId);
        node.nextAttemptAt = null;
        await this.startAttempt(nodeId);
      } else if (node.status === 'deferred') {
        this.step.clearTimer(nodeId);
        node.nextAttemptAt = null;
        await this.wakeDeferred(nodeId);
      }
    });
  }

  /** Cancels a run as it is taken back, running nothing first: its open attempts end cancelled. */
  cancelOnLoad(openAttempts: AttemptRecord[], compensate: boolean): Promise<void> {
    return this.enqueue(() => {
      const now = this.env.clock.now();
      for (const a of openAttempts) {
        a.outcome = 'cancelled';
        a.finishedAt = now;
        a.durationMs = Math.max(0, now - a.startedAt);
        a.error = failure('cancelled', 'the run was cancelled while it was being taken back');
        this.step.attempt(a);
      }
      this.run.stopReason = { kind: 'cancelled', compensate };
      this.touchRun();
      this.stopForward();
    });
  }

  cancel(compensate: boolean): Promise<void> {
    return this.enqueue(() => {
      if (this.ended) return;
      this.run.stopReason = { kind: 'cancelled', compensate };
      this.touchRun();
      if (this.run.phase === 'compensating' && compensate) return;
      for (const f of this.inFlight.values()) f.controller.abort();
      this.stopForward();
      if (this.run.phase === 'compensating') {
        // Without compensation the undo in progress is abandoned; the node's effect stands.
        for (const n of this.nodes.values()) {
          if (n.status === 'compensating') {
            n.status = 'succeeded';
            this.touch(n);
          }
        }
        if (this.inFlight.size === 0) this.end('cancelled');
      }
    });
  }

  /** Restart a run from a safe state (semantics.md Resume), optionally on another version. */
  resume(graph: Graph, version: number): Promise<void> {
    return this.enqueue(() => {
      this.graph = graph;
      this.run.workflowVersion = version;
      for (const id of graph.order) {
        const existing = this.nodes.get(id);
        if (!existing) {
          const fresh = newNodeRun(this.run.id, id);
          this.nodes.set(id, fresh);
          this.touch(fresh);
          continue;
        }
        const stands = (existing.status === 'succeeded' || existing.status === 'compensation_failed') && !isCompensationStep(graph, id);
        if (stands) {
          if (existing.status === 'compensation_failed') {
            existing.status = 'succeeded';
            this.touch(existing);
          }
        } else {
          resetForNewEpoch(existing);
          this.touch(existing);
        }
      }
      Object.assign(this.run, { status: 'running', phase: 'forward', stopReason: null, finishedAt: null, degraded: false });
      this.touchRun();
    });
  }

  // ---- attempts -----------------------------------------------------------------------------

  private executorOf(nodeId: string): NodeExecutor | undefined {
    const def = this.graph.nodes.get(nodeId);
    return def ? this.env.nodes.get(def.type) : undefined;
  }

  private inputOf(nodeId: string): Json | null {
    const role = this.graph.roles.get(nodeId);
    if (role?.kind === 'fallback') return this.nodes.get(role.for)?.input ?? null;
    if (role?.kind === 'compensation') return this.nodes.get(role.undoes)?.output ?? null;
    if (nodeId === this.graph.triggerId) return this.run.trigger as unknown as Json;
    return mainInput(this.graph, nodeId, this.nodes);
  }

  bindings(nodeId: string, input: Json | null, attempt: number): Bindings {
    const node = this.nodes.get(nodeId);
    const role = this.graph.roles.get(nodeId);
    let failureValue: unknown;
    if (role?.kind === 'fallback') {
      const parent = this.nodes.get(role.for);
      if (parent?.exhaustedFailure) failureValue = failureBinding(parent, parent.exhaustedFailure);
    } else if (role?.kind === 'main') {
      failureValue = continuedFailure(this.graph, nodeId, this.nodes);
    }
    let compensating: unknown;
    const root = rootOf(this.graph, nodeId);
    const rootRole = this.graph.roles.get(root);
    if (rootRole?.kind === 'compensation') {
      const undone = this.nodes.get(rootRole.undoes);
      if (undone) compensating = { nodeId: undone.nodeId, params: undone.params, output: undone.output };
    }
    return {
      trigger: this.run.trigger,
      input,
      nodes: succeededOutputs(this.nodes),
      run: { id: this.run.id, workflowId: this.run.workflowId, workflowVersion: this.run.workflowVersion },
      node: { id: nodeId, attempt, epoch: node?.epoch ?? 1 },
      failure: failureValue,
      compensating,
      integration: undefined,
    };
  }

  /** Starts the next attempt of a node: pure nodes run inline, others after the start is committed. */
  private async startAttempt(nodeId: string): Promise<void> {
    const node = this.nodes.get(nodeId);
    const def = this.graph.nodes.get(nodeId);
    if (!node || !def) return;
    const now = this.env.clock.now();
    const input = this.inputOf(nodeId);
    node.status = 'running';
    node.startedAt ??= now;
    node.input = input;
    node.nextAttemptAt = null;
    node.lastAttempt += 1;
    this.touch(node);
    const attempt: AttemptRecord = {
      runId: this.run.id,
      nodeId,
      number: node.lastAttempt,
      epoch: node.epoch,
      startedAt: now,
      finishedAt: null,
      durationMs: null,
      outcome: null,
      error: null,
      delayBeforeMs: this.scheduledDelay.get(nodeId) ?? 0,
      request: null,
      response: null,
    };
    this.scheduledDelay.delete(nodeId);
    const exec = this.env.nodes.get(def.type);
    if (!exec) {
      this.closeAttempt(attempt, { ok: false, failure: failure('internal', `no executor is registered for node type '${def.type}'`) });
      await this.attemptFailed(nodeId, attempt.error!);
      return;
    }
    const prepared = await prepareAttempt(this.env, this, def, exec, attempt, input);
    if (!prepared.ok) {
      this.closeAttempt(attempt, { ok: false, failure: prepared.failure });
      node.tries += 1;
      await this.attemptFailed(nodeId, prepared.failure);
      return;
    }
    node.params = prepared.params;
    if (exec.pure) {
      const result = await this.env.execute(exec, prepared.params, prepared.context(NEVER_ABORTED));
      if (result.ok && result.sleepUntil !== undefined) {
        node.output = result.output;
        node.nextAttemptAt = result.sleepUntil;
        this.sleeping.set(nodeId, attempt);
        this.step.attempt(attempt);
        this.step.setTimer({ runId: this.run.id, nodeId, kind: 'delay', dueAt: result.sleepUntil });
        this.step.effects.push(() => this.armTimer(nodeId, result.sleepUntil!));
        return;
      }
      await this.attemptFinished(nodeId, attempt, result);
      return;
    }
    const controller = new AbortController();
    this.step.attempt(attempt);
    this.inFlight.set(nodeId, { attempt, controller });
    const isRetry = node.tries > 0;
    this.step.effects.push(() => {
      const context = prepared.context(controller.signal);
      const send = (): Promise<ExecutionResult> => this.env.execute(exec, prepared.params, context);
      // A call to an integration passes its breaker, rate limit and bulkhead first.
      const execution = context.integration
        ? this.env.guards.call({ integration: context.integration, isRetry, timeoutMs: context.timeoutMs, signal: controller.signal }, send)
        : send();
      this.env.track(
        execution.then((result) => {
          if (!result.ok && result.failure.category === 'auth' && context.credential) this.noteAuthFailure(context.credential.id);
          void this.enqueue(() => this.attemptFinished(nodeId, attempt, result));
        }),
      );
    });
  }

  /** Credential health is bookkeeping beside the run: a failure to record it is logged, not fatal. */
  private noteAuthFailure(credentialId: string): void {
    const record = this.env.credentials?.recordAuthFailure;
    if (!record) return;
    this.env.track(
      record.call(this.env.credentials, credentialId, this.env.clock.now()).catch((err: unknown) => {
        this.env.log.warn({ credentialId, err: String(err) }, 'an auth failure could not be recorded on its credential');
      }),
    );
  }

  private closeAttempt(attempt: AttemptRecord, result: ExecutionResult): void {
    const now = this.env.clock.now();
    attempt.finishedAt = now;
    attempt.durationMs = Math.max(0, now - attempt.startedAt);
    attempt.outcome = result.ok ? 'succeeded' : result.failure.category === 'cancelled' ? 'cancelled' : 'failed';
    attempt.error = result.ok ? null : result.failure;
    attempt.request = result.request ?? attempt.request;
    attempt.response = result.response ?? attempt.response;
    this.step.attempt(attempt);
  }

  private async attemptFinished(nodeId: string, attempt: AttemptRecord, result: ExecutionResult): Promise<void> {
    const flight = this.inFlight.get(nodeId);
    if (flight && flight.attempt !== attempt) return;
    this.inFlight.delete(nodeId);
    const node = this.nodes.get(nodeId);
    if (!node) return;
    this.closeAttempt(attempt, result);
    node.tries += 1;
    if (result.ok) {
      await this.succeeded(nodeId, result.output, 'self', result.handle);
      return;
    }
    if (result.failure.category === 'cancelled' && this.run.stopReason?.kind === 'cancelled') {
      node.error = result.failure;
      this.finishNode(node, 'cancelled');
      return;
    }
    await this.attemptFailed(nodeId, result.failure);
  }

  // ---- decisions after an attempt ------------------------------------------------------------

  private retryPolicyOf(nodeId: string): ResolvedRetryPolicy {
    const edge = this.graph.retry.get(nodeId);
    if (edge) return resolveRetryPolicy(edge.retry);
    return isCompensationStep(this.graph, nodeId) && this.graph.roles.get(nodeId)?.kind === 'compensation'
      ? DEFAULT_COMPENSATION_RETRY
      : NO_RETRY;
  }

  /** semantics.md "What happens when a node fails", step 1: retry. */
  private async attemptFailed(nodeId: string, attemptFailure: Failure): Promise<void> {
    let f = attemptFailure;
    const node = this.nodes.get(nodeId)!;
    node.error = f;
    this.touch(node);
    if (this.run.phase === 'forward' && this.run.stopReason) {
      // The run is stopping: attempts in flight finish and are recorded, nothing is retried.
      this.finishNode(node, this.run.stopReason.kind === 'cancelled' ? 'cancelled' : 'failed');
      return;
    }
    let decision = decideRetry(this.retryPolicyOf(nodeId), node.tries, f, this.env.random);
    if (decision.retry && !this.retryBudgetAllows(nodeId)) {
      f = { ...f, message: `${f.message} (not retried: the retry budget of integration '${this.graph.nodes.get(nodeId)?.integration}' is spent)` };
      node.error = f;
      decision = { retry: false, reason: 'retry_budget' };
    }
    if (decision.retry) {
      const dueAt = this.env.clock.now() + decision.delayMs;
      node.status = 'retrying';
      node.nextAttemptAt = dueAt;
      this.scheduledDelay.set(nodeId, decision.delayMs);
      this.step.setTimer({ runId: this.run.id, nodeId, kind: 'retry', dueAt });
      this.step.effects.push(() => this.armTimer(nodeId, dueAt));
      return;
    }
    node.exhaustedFailure = f;
    if (await this.tryNextFallback(nodeId)) return;
    await this.gaveUp(nodeId, f);
  }

  /** Retries of a call to an integration come out of its retry budget (no retry storms). */
  private retryBudgetAllows(nodeId: string): boolean {
    const integration = this.graph.nodes.get(nodeId)?.integration;
    if (integration === undefined || this.executorOf(nodeId)?.pure === true) return true;
    return this.env.guards.allowRetry(integration);
  }

  /** Step 2: the source's fallback edges, in order, whose `on` holds the category. */
  private async tryNextFallback(nodeId: string): Promise<boolean> {
    const node = this.nodes.get(nodeId)!;
    const f = node.exhaustedFailure;
    const edges = this.graph.fallbacks.get(nodeId) ?? [];
    if (!f) return false;
    for (let i = (node.fallbackIndex ?? -1) + 1; i < edges.length; i++) {
      const edge = edges[i]!;
      if (!(edge.on ?? FALLBACK_DEFAULT_CATEGORIES).includes(f.category)) continue;
      const target = this.nodes.get(edge.target);
      if (!target) continue;
      node.fallbackIndex = i;
      node.status = 'running';
      this.touch(node);
      resetTarget(target);
      this.touch(target);
      await this.startAttempt(edge.target);
      return true;
    }
    node.fallbackIndex = edges.length;
    this.touch(node);
    return false;
  }

  /** Retries and fallbacks are exhausted: steps 3 to 5, or hand back to whom this node served. */
  private async gaveUp(nodeId: string, f: Failure): Promise<void> {
    const node = this.nodes.get(nodeId)!;
    const role = this.graph.roles.get(nodeId);
    if (role?.kind === 'fallback') {
      this.finishNode(node, 'failed');
      const parent = this.nodes.get(role.for)!;
      if (this.run.phase === 'forward' && this.run.stopReason) {
        parent.error ??= parent.exhaustedFailure;
        this.finishNode(parent, this.run.stopReason.kind === 'cancelled' ? 'cancelled' : 'failed');
        return;
      }
      if (await this.tryNextFallback(role.for)) return;
      await this.gaveUp(role.for, parent.exhaustedFailure ?? f);
      return;
    }
    if (role?.kind === 'compensation') {
      this.finishNode(node, 'failed');
      this.compensationDone(role.undoes, false);
      return;
    }
    const policy = this.graph.nodes.get(nodeId)?.policy;
    if (policy?.lastKnownGood) {
      const lkg = await this.lookupLastKnownGood(nodeId, policy.lastKnownGood);
      if (lkg !== undefined) {
        node.error = f;
        await this.succeeded(nodeId, lkg, 'last_known_good');
        return;
      }
    }
    node.error = f;
    if (policy?.defer && DEFERRABLE.has(f.category) && (await this.defer(nodeId, f, policy.defer))) return;
    this.failFinally(nodeId, f);
  }

  /** Step 5: an optional step lets the run go on; otherwise the run fails and compensation follows. */
  private failFinally(nodeId: string, f: Failure): void {
    const node = this.nodes.get(nodeId)!;
    node.error = f;
    this.finishNode(node, 'failed');
    if ((this.graph.nodes.get(nodeId)?.policy?.onFailure ?? POLICY_DEFAULTS.onFailure) === 'continue') return;
    this.run.stopReason = { kind: 'node_failed', nodeId, failure: f };
    this.touchRun();
    this.stopForward();
  }

  /**
   * Step 4: park the node until its integration is healthy again or its credential is fixed, then
   * start it over with a fresh attempt count; all its deferrals together last at most `maxWaitMs`
   * (`deferredUntil`). False when that time has passed.
   */
  private async defer(nodeId: string, f: Failure, policy: { maxWaitMs: number; checkEveryMs?: number | undefined }): Promise<boolean> {
    const node = this.nodes.get(nodeId)!;
    const now = this.env.clock.now();
    node.deferredUntil ??= now + policy.maxWaitMs;
    if (now >= node.deferredUntil) return false;
    const checkAt = (await this.unhealthyUntil(nodeId, f, now)) ?? now + (policy.checkEveryMs ?? POLICY_DEFAULTS.deferCheckEveryMs);
    const wakeAt = Math.min(node.deferredUntil, Math.max(checkAt, now + 1));
    node.status = 'deferred';
    node.error = f;
    node.nextAttemptAt = wakeAt;
    this.touch(node);
    this.step.setTimer({ runId: this.run.id, nodeId, kind: 'defer', dueAt: wakeAt });
    this.step.effects.push(() => this.armTimer(nodeId, wakeAt));
    return true;
  }

  /** A deferred node's check: still unhealthy, park again; past its time, step 5; else start over. */
  private async wakeDeferred(nodeId: string): Promise<void> {
    const node = this.nodes.get(nodeId)!;
    const policy = this.graph.nodes.get(nodeId)?.policy?.defer;
    const f = node.error ?? failure('internal', 'a deferred node lost its failure');
    const now = this.env.clock.now();
    if (!policy || node.deferredUntil === null || now >= node.deferredUntil) {
      this.failFinally(nodeId, f);
      return;
    }
    const stillUntil = await this.unhealthyUntil(nodeId, f, now);
    if (stillUntil !== undefined) {
      await this.defer(nodeId, f, policy);
      return;
    }
    node.tries = 0;
    node.fallbackIndex = null;
    node.exhaustedFailure = null;
    await this.startAttempt(nodeId);
  }

  /**
   * When the node's dependency may be healthy again, if it is not now: an open breaker, until
   * probes are let through; a locked credential, until the next check. Undefined: healthy (or
   * nothing known against it), worth a fresh start.
   */
  private async unhealthyUntil(nodeId: string, f: Failure, now: number): Promise<number | undefined> {
    const def = this.graph.nodes.get(nodeId);
    const checkEvery = def?.policy?.defer?.checkEveryMs ?? POLICY_DEFAULTS.deferCheckEveryMs;
    if (f.category === 'credential_locked') {
      const integration = def?.integration === undefined ? undefined : await this.env.store.getIntegration(def.integration);
      const credentialId = def?.credential ?? integration?.credential ?? undefined;
      const credential = credentialId ? await this.env.credentials?.resolve(credentialId) : undefined;
      return credential?.locked === true ? now + checkEvery : undefined;
    }
    if (def?.integration === undefined) return undefined;
    // Built from the record, so a breaker restored open after a restart knows its cool-down.
    const integration = await this.env.store.getIntegration(def.integration);
    const breaker = integration ? this.env.guards.statusFor(integration).breaker : undefined;
    return breaker?.state === 'open' && breaker.retryAt !== null && breaker.retryAt > now ? breaker.retryAt : undefined;
  }

  private async lookupLastKnownGood(nodeId: string, policy: { maxAgeMs: number; key?: string | undefined }): Promise<Json | undefined> {
    const node = this.nodes.get(nodeId)!;
    const key = await evaluateKey(this.env, policy.key, this.bindings(nodeId, node.input, node.lastAttempt));
    if (key === undefined) return undefined;
    const record = await this.env.store.getLastKnownGood(this.run.workflowId, nodeId, key);
    if (!record || this.env.clock.now() - record.updatedAt > policy.maxAgeMs) return undefined;
    return record.output;
  }

  private async succeeded(nodeId: string, output: Json | null, source: OutputSource, handle?: string): Promise<void> {
    const node = this.nodes.get(nodeId)!;
    node.output = output;
    node.source = source;
    node.handle = handle ?? null;
    if (source === 'self') node.error = null;
    // The run's counter is persisted with its next status change; on load it is re-derived from the nodes.
    this.run.completionSeq += 1;
    node.completedSeq = this.run.completionSeq;
    this.finishNode(node, 'succeeded');
    const role = this.graph.roles.get(nodeId);
    if (role?.kind === 'fallback') {
      await this.succeeded(role.for, output, `fallback:${nodeId}`, handle);
      return;
    }
    if (role?.kind === 'compensation') {
      this.compensationDone(role.undoes, true);
      return;
    }
    const lkg = this.graph.nodes.get(nodeId)?.policy?.lastKnownGood;
    if (lkg && source === 'self' && output !== null) {
      const key = await evaluateKey(this.env, lkg.key, this.bindings(nodeId, node.input, node.lastAttempt));
      if (key !== undefined) {
        this.step.lastKnownGood.push({ workflowId: this.run.workflowId, nodeId, key, output, updatedAt: this.env.clock.now() });
      }
    }
  }

  private finishNode(node: NodeRunRecord, status: 'succeeded' | 'failed' | 'cancelled' | 'skipped'): void {
    node.status = status;
    node.finishedAt = this.env.clock.now();
    node.nextAttemptAt = null;
    this.touch(node);
  }

  // ---- the run going forward, stopping, compensating, ending ---------------------------------

  /** Starts what became ready; ends the run when nothing is left. Loops until nothing changes. */
  private async advance(): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.ended || this.broken) return;
      if (this.run.phase === 'compensating') {
        await this.advanceCompensation();
        return;
      }
      if (this.run.stopReason) {
        if (this.inFlight.size > 0) return;
        this.beginCompensationOrEnd();
        continue;
      }
      if (this.run.status === 'queued' || this.run.status === 'waiting') {
        this.run.status = 'running';
        this.touchRun();
      }
      let changed = false;
      let busy = false;
      for (const id of this.graph.order) {
        const node = this.nodes.get(id)!;
        if (this.graph.roles.get(id)?.kind !== 'main') continue;
        if (node.status !== 'pending') {
          if (node.status === 'running' || node.status === 'retrying' || node.status === 'deferred') busy = true;
          continue;
        }
        const r = readiness(this.graph, id, this.nodes);
        if (r === 'skip') {
          this.finishNode(node, 'skipped');
          changed = true;
        } else if (r === 'ready') {
          if (this.executorOf(id)?.pure) {
            if (this.step.pureRan) {
              this.step.moreWork = true;
              busy = true;
              continue;
            }
            this.step.pureRan = true;
          }
          await this.startAttempt(id);
          changed = true;
          if (this.run.stopReason) break;
        }
      }
      if (changed) continue;
      if (!busy && this.inFlight.size === 0) {
        this.end('succeeded');
        return;
      }
      const waiting = this.inFlight.size === 0 && !this.step.moreWork;
      const status: RunStatus = waiting ? 'waiting' : 'running';
      if (this.run.status !== status) {
        this.run.status = status;
        this.touchRun();
      }
      return;
    }
    throw new Error('the run did not settle (engine bug)');
  }

  /** Run failing or cancelled: nodes not started end skipped (or cancelled), timers stop. */
  private stopForward(): void {
    const cancelled = this.run.stopReason?.kind === 'cancelled';
    for (const node of this.nodes.values()) {
      const role = this.graph.roles.get(node.nodeId)?.kind;
      if (node.status === 'pending' && role === 'main') this.finishNode(node, cancelled ? 'cancelled' : 'skipped');
      else if (node.status === 'retrying' || node.status === 'deferred' || this.sleeping.has(node.nodeId)) {
        if (this.sleeping.has(node.nodeId)) {
          const a = this.sleeping.get(node.nodeId)!;
          this.sleeping.delete(node.nodeId);
          this.closeAttempt(a, { ok: false, failure: failure('cancelled', 'the run stopped') });
        }
        this.disarmTimer(node.nodeId);
        this.step.clearTimer(node.nodeId);
        this.finishNode(node, 'cancelled');
      }
    }
  }

  /** Nodes still waiting on a fallback that can no longer run end with the run. */
  private settleStopped(): void {
    const cancelled = this.run.stopReason?.kind === 'cancelled';
    for (const node of this.nodes.values()) {
      if (node.status === 'running' && !this.inFlight.has(node.nodeId)) {
        this.finishNode(node, cancelled ? 'cancelled' : 'failed');
      }
    }
  }

  private beginCompensationOrEnd(): void {
    this.settleStopped();
    const reason = this.run.stopReason;
    if (reason?.kind === 'outcome_unknown') return this.end('needs_attention');
    if (reason?.kind === 'cancelled' && !reason.compensate) return this.end('cancelled');
    if (compensationsDue(this.graph, this.nodes).length === 0) return this.end(reason?.kind === 'cancelled' ? 'cancelled' : 'failed');
    this.run.phase = 'compensating';
    this.touchRun();
  }

  /** One compensation at a time, in reverse order of completion. */
  private async advanceCompensation(): Promise<void> {
    const reason = this.run.stopReason;
    if (reason?.kind === 'cancelled' && !reason.compensate) {
      // Cancelled without compensation while compensating: no further undo is sent. The one
      // aborted in flight settles first (its attempt is recorded), then the run ends.
      if (this.inFlight.size === 0) this.end('cancelled');
      return;
    }
    for (const node of this.nodes.values()) {
      if (isCompensationStep(this.graph, node.nodeId) && (node.status === 'running' || node.status === 'retrying')) return;
    }
    const due = compensationsDue(this.graph, this.nodes);
    const next = due.find((n) => n.status === 'compensating') ?? due[0];
    if (!next) {
      const failedAny = [...this.nodes.values()].some((n) => n.status === 'compensation_failed');
      const reason = this.run.stopReason;
      this.end(reason?.kind === 'cancelled' ? 'cancelled' : failedAny ? 'needs_attention' : 'compensated');
      return;
    }
    const producer = producerOf(this.nodes, next.nodeId)!;
    const undo = this.graph.compensation.get(producer)!;
    for (const id of standInChain(this.nodes, next.nodeId)) {
      const n = this.nodes.get(id)!;
      n.status = 'compensating';
      this.touch(n);
    }
    const target = this.nodes.get(undo)!;
    resetTarget(target);
    this.touch(target);
    await this.startAttempt(undo);
  }

  private compensationDone(producer: string, ok: boolean): void {
    const main = undoneBy(this.graph, this.nodes, producer);
    if (!main) return;
    for (const id of standInChain(this.nodes, main.nodeId)) {
      const n = this.nodes.get(id)!;
      n.status = ok ? 'compensated' : 'compensation_failed';
      this.touch(n);
    }
  }

  private end(status: RunStatus): void {
    const now = this.env.clock.now();
    for (const node of this.nodes.values()) {
      if (node.status === 'pending') this.finishNode(node, 'skipped');
      else if (node.status === 'retrying' || node.status === 'deferred' || node.status === 'running') {
        this.disarmTimer(node.nodeId);
        this.step.clearTimer(node.nodeId);
        this.finishNode(node, 'cancelled');
      }
    }
    this.run.status = status;
    this.run.phase = 'ended';
    this.run.finishedAt = now;
    this.run.degraded = status === 'succeeded' && this.isDegraded();
    this.touchRun();
  }

  /** Succeeded, but not the normal way: a stand-in output or an optional step that failed. */
  private isDegraded(): boolean {
    for (const node of this.nodes.values()) {
      if (this.graph.roles.get(node.nodeId)?.kind !== 'main') continue;
      if (node.status === 'failed') return true;
      if (node.source !== null && node.source !== 'self') return true;
    }
    return false;
  }

  // ---- commit and effects --------------------------------------------------------------------

  private touch(node: NodeRunRecord): void {
    this.step.nodes.add(node.nodeId);
  }

  private touchRun(): void {
    this.step.runChanged = true;
  }

  private async flush(): Promise<void> {
    const step = this.step;
    if (!step.isEmpty()) await this.env.store.commit(step.toChangeset(this.run, this.nodes));
    for (const effect of step.effects) effect();
    this.env.notify(this, step);
    if (step.moreWork && !this.ended) void this.enqueue(() => undefined);
  }

  private armTimer(nodeId: string, at: number): void {
    this.disarmTimer(nodeId);
    this.timers.set(nodeId, this.env.clock.setTimer(at, () => void this.onTimer(nodeId)));
  }

  private disarmTimer(nodeId: string): void {
    const handle = this.timers.get(nodeId);
    if (handle) this.env.clock.clearTimer(handle);
    this.timers.delete(nodeId);
  }

  /** The nodes the step in progress was working on (what a failed step is blamed on). */
  get stepNodes(): string[] {
    return [...this.step.nodes];
  }

  /**
   * A step failed the same way too often (a poison run): the nodes it was working on fail with
   * `f` and the run takes its normal failure path (fallback, compensation). With `outright`,
   * that path failed too: every unfinished node fails and the run ends failed at once.
   */
  giveUpOn(nodeIds: readonly string[], f: Failure, outright: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (this.ended) return;
      for (const flight of this.inFlight.values()) flight.controller.abort();
      if (outright || nodeIds.length === 0) {
        for (const node of this.nodes.values()) {
          if (UNSETTLED.has(node.status)) {
            node.error ??= f;
            this.finishNode(node, 'failed');
          } else if (node.status === 'compensating') {
            node.status = 'compensation_failed';
            this.touch(node);
          }
        }
        this.run.stopReason ??= { kind: 'node_failed', nodeId: nodeIds[0] ?? this.graph.triggerId, failure: f };
        this.end('failed');
        return;
      }
      for (const id of nodeIds) {
        const node = this.nodes.get(id);
        if (!node || !(UNSETTLED.has(node.status) || node.status === 'pending')) continue;
        this.sleeping.delete(id);
        this.disarmTimer(id);
        this.step.clearTimer(id);
        node.nextAttemptAt = null;
        await this.gaveUp(id, f);
      }
    });
  }

  /** A step that could not be committed leaves memory ahead of the store: drop it and reload. */
  private fail(err: unknown): void {
    this.broken = true;
    for (const f of this.inFlight.values()) f.controller.abort();
    for (const id of [...this.timers.keys()]) this.disarmTimer(id);
    this.env.driverFailed(this, err);
  }

  disposeTimers(): void {
    for (const id of [...this.timers.keys()]) this.disarmTimer(id);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  hasOutput(nodeId: string): boolean {
    const n = this.nodes.get(nodeId);
    return n !== undefined && HAS_OUTPUT.has(n.status);
  }
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
    lastAttempt: 0,
    tries: 0,
    interruptions: 0,
    completedSeq: null,
    fallbackIndex: null,
    exhaustedFailure: null,
  };
}

/** A fallback or compensation target acting afresh: a new sequence of attempts, same epoch. */
function resetTarget(node: NodeRunRecord): void {
  Object.assign(node, {
    status: 'pending',
    source: null,
    output: null,
    error: null,
    handle: null,
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
function resetForNewEpoch(node: NodeRunRecord): void {
  resetTarget(node);
  node.deferredUntil = null;
  node.epoch += 1;
  node.input = null;
  node.params = null;
}
