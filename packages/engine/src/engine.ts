import { poisonMessage, poisonVerdict, recordStepFailure, reloadDelayMs } from './step-failures.js';
import type { StepFailures } from './step-failures.js';
import { failure } from '@switchyard/schema';
import { compileGraph } from './graph.js';
import type { Graph } from './graph.js';
import { DEFAULT_ENGINE_OPTIONS } from './env.js';
import type { EngineEnv, EngineOptions } from './env.js';
import { EngineError } from './errors.js';
import { LeaseLostError } from './ports.js';
import { executeGuarded } from './run/execute-guarded.js';
import type { Clock, CredentialPort, Logger, NodeRegistry, Random, Store } from './ports.js';
import { TERMINAL_RUN_STATUSES } from './records.js';
import type { NodeRunRecord, RunMode, RunRecord, Trigger } from './records.js';
import { RunDriver } from './run/driver.js';
import { LeaseKeeper } from './run/leases.js';
import type { Fence } from './run/leases.js';
import { newRun } from './decide/new-run.js';
import { newRunId } from './runtime/run-id.js';
import { IntegrationGuards } from './isolation/index.js';
import type { BreakerChange, IntegrationGuardStatus } from './isolation/index.js';

export interface EngineDeps {
  store: Store;
  clock: Clock;
  random: Random;
  nodes: NodeRegistry;
  credentials?: CredentialPort;
  log?: Logger;
  /** Run ids; defaults to time-ordered UUIDv7s. */
  newId?: () => string;
  /** This engine's name in the store's run leases; defaults to a fresh id per engine. */
  workerId?: string;
  options?: Partial<EngineOptions>;
  /** Told of every change of an integration's breaker state (alerting), after it is logged. */
  onBreakerChange?: (integrationId: string, change: BreakerChange) => void;
}

export interface StartRunRequest {
  workflowId: string;
  version?: number;
  trigger: Trigger;
  runId?: string;
  /** `production` unless said: only the editor's test runs are `test`. */
  mode?: RunMode;
}

export type EngineEvent =
  | { type: 'run'; run: RunRecord }
  | { type: 'node'; runId: string; node: NodeRunRecord };

export interface Engine {
  /** Takes back every unfinished run of the store (after a restart) and starts executing. */
  start(): Promise<void>;
  /**
   * Creates a run; it is committed when the promise resolves. `runId` chooses its id (a webhook
   * claims its idempotency key naming the run before starting it); a taken id is a conflict.
   */
  startRun(request: StartRunRequest): Promise<RunRecord>;
  cancelRun(runId: string, options?: { compensate?: boolean }): Promise<void>;
  resumeRun(runId: string, options?: { version?: number }): Promise<void>;
  replayRun(runId: string, options?: { version?: number }): Promise<RunRecord>;
  /** Resolves with the run once it has ended. */
  waitForRun(runId: string): Promise<RunRecord>;
  /** Resolves when nothing is executing or being committed (timers may still be pending), or when `signal` aborts. */
  idle(options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Calls `listener` with every event as state is committed; with `runId`, only that run's
   * (a run id can be chosen before the run starts, so nothing is missed). Answers unsubscribe.
   */
  subscribe(listener: (event: EngineEvent) => void, options?: { runId?: string }): () => void;
  /**
   * Stops the engine: no event is handled after this. Call `idle()` first to let attempts in
   * flight finish and be recorded; one still open is taken back as interrupted at the next start.
   */
  stop(): Promise<void>;
  readonly activeRuns: number;
  /** A fresh run id from the engine's id source (a caller that names a run before starting it, e.g. to claim an idempotency key). */
  newRunId(): string;
  /** An integration's breaker, bulkhead and retry budget as they stand (undefined: not called since the start). */
  integrationStatus(integrationId: string): IntegrationGuardStatus | undefined;
  /** Drops a deleted integration's breaker and counts: one created again under its id starts afresh. */
  forgetIntegration(integrationId: string): void;
}

const silentLog: Logger = { info() {}, warn() {}, error() {} };

export function createEngine(deps: EngineDeps): Engine {
  const options: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options };
  const log = deps.log ?? silentLog;
  const newId = deps.newId ?? newRunId;
  const drivers = new Map<string, RunDriver>();
  const graphs = new Map<string, Graph>();
  const leases = new LeaseKeeper({
    store: deps.store,
    clock: deps.clock,
    log,
    owner: deps.workerId ?? newId(),
    leaseMs: options.leaseMs,
    track: (work) => env.track(work),
    held: () => [...drivers.keys()],
    lost(runId) {
      log.warn({ runId }, 'the lease on a run was lost; another worker drives it now');
      drivers.get(runId)?.disposeTimers();
      forget(runId);
    },
  });
  /** A run this engine drives from now on, under `fence`. */
  const drive = (driver: RunDriver): RunDriver => {
    drivers.set(driver.run.id, driver);
    leases.sync();
    return driver;
  };
  const forget = (runId: string): void => {
    drivers.delete(runId);
    leases.sync();
  };
  /** Runs whose steps failed, by run id: bounds a poison run (step-failures.ts). */
  const stepFailures = new Map<string, StepFailures>();
  const listeners = new Set<(event: EngineEvent) => void>();
  // Per-run listeners (a sync webhook, a live run view): an event costs only its own run's listeners.
  const runListeners = new Map<string, Set<(event: EngineEvent) => void>>();
  const waiters = new Map<string, Array<(run: RunRecord) => void>>();
  let busy = 0;
  let idleWaiters: Array<() => void> = [];
  let stopped = false;

  const settleIdle = (): void => {
    if (busy !== 0 || idleWaiters.length === 0) return;
    // Let follow-up work scheduled by the last task register before declaring idle.
    deps.clock.afterIo(() => {
      if (busy !== 0) return;
      const ws = idleWaiters;
      idleWaiters = [];
      for (const w of ws) w();
    });
  };

  // A breaker's changes are stored beside the runs: losing one is logged, never fails a run.
  const guards = new IntegrationGuards(deps.clock, (integrationId, change) => {
    log.warn({ integrationId, from: change.from, to: change.to, reason: change.reason }, `the breaker of integration '${integrationId}' is ${change.to.replace('_', '-')}`);
    try {
      deps.onBreakerChange?.(integrationId, change);
    } catch (err) {
      log.warn({ integrationId, err: String(err) }, 'a breaker change listener threw');
    }
    void env.track(
      deps.store.recordBreakerTransition({ integrationId, ...change }).catch((err: unknown) => {
        log.error({ integrationId, err: String(err) }, 'a breaker transition could not be stored');
      }),
    );
  });

  const env: EngineEnv = {
    store: deps.store,
    guards,
    clock: deps.clock,
    random: deps.random,
    nodes: deps.nodes,
    credentials: deps.credentials,
    log,
    options,
    track<T>(work: Promise<T>): Promise<T> {
      busy += 1;
      return work.finally(() => {
        busy -= 1;
        settleIdle();
      });
    },
    execute: (exec, params, ctx) => executeGuarded(exec, params, ctx, options.attemptGraceMs),
    notify({ run, runChanged, nodes, ended }) {
      if (listeners.size > 0 || runListeners.has(run.id)) {
        if (runChanged) emit({ type: 'run', run: { ...run } });
        for (const node of nodes) emit({ type: 'node', runId: run.id, node: { ...node } });
      }
      if (ended) {
        forget(run.id);
        stepFailures.delete(run.id);
        const ws = waiters.get(run.id) ?? [];
        waiters.delete(run.id);
        for (const w of ws) w({ ...run });
      }
    },
    isStopped: () => stopped,
    driverFailed(runId, stepNodes, err) {
      if (err instanceof LeaseLostError) {
        // Another driver holds the run now (a worker that took it over): nothing to reload here.
        log.warn({ runId }, 'a run step was refused: the run is leased to another driver now');
        forget(runId);
        return;
      }
      const previous = stepFailures.get(runId);
      const failures = recordStepFailure(previous, [...stepNodes], err);
      stepFailures.set(runId, failures);
      log.error({ runId, err: failures.message, failures: failures.count }, 'a run step failed; the run is reloaded from the store');
      forget(runId);
      if (stopped) return;
      const at = deps.clock.now() + reloadDelayMs(failures.waits);
      deps.clock.setTimer(at, () => void env.track(load(runId)));
    },
  };

  function emit(event: EngineEvent): void {
    const forRun = runListeners.get(event.type === 'run' ? event.run.id : event.runId);
    for (const group of forRun ? [listeners, forRun] : [listeners]) {
      for (const l of group) {
        try {
          l(event);
        } catch (err) {
          log.warn({ err: String(err) }, 'an engine event listener threw');
        }
      }
    }
  }

  async function graphFor(workflowId: string, version: number): Promise<Graph> {
    const key = `${workflowId}@${version}`;
    const cached = graphs.get(key);
    if (cached) return cached;
    const stored = await deps.store.getWorkflowVersion(workflowId, version);
    if (!stored) throw new EngineError('not_found', `workflow '${workflowId}' has no version ${version}`);
    const graph = compileGraph(stored.definition);
    graphs.set(key, graph);
    return graph;
  }

  /** Loads a run from the store and takes it back: what a restart does for every unfinished run. */
  async function load(runId: string, how: { cancel?: { compensate: boolean }; lease?: Fence } = {}): Promise<RunDriver | undefined> {
    const live = drivers.get(runId);
    if (live) {
      if (how.cancel) await live.cancel(how.cancel.compensate);
      return live;
    }
    const lease = how.lease ?? (await leases.claim(runId));
    const snapshot = lease ? await deps.store.loadRun(runId) : undefined;
    if (!lease || !snapshot || TERMINAL_RUN_STATUSES.has(snapshot.run.status)) {
      stepFailures.delete(runId);
      return undefined;
    }
    const graph = await graphFor(snapshot.run.workflowId, snapshot.run.workflowVersion);
    const driver = drive(new RunDriver(env, snapshot.run, snapshot.nodes, graph, lease));
    // A run whose steps keep failing the same way (a poison run) is not retried forever: its
    // nodes fail with what went wrong, and if even that fails, the run ends failed outright.
    const failures = stepFailures.get(runId);
    const verdict = failures === undefined ? 'retry' : poisonVerdict(failures.count, options.maxStepFailures);
    if (how.cancel) await driver.cancelOnLoad(snapshot.openAttempts, how.cancel.compensate);
    else if (verdict === 'retry') await driver.recover(snapshot.openAttempts);
    else await driver.giveUpOn(failures!.nodes, failure('internal', poisonMessage(failures!)), verdict === 'end_run');
    return driver;
  }

  function assertCapacity(): void {
    if (drivers.size >= options.maxActiveRuns) {
      throw new EngineError('unavailable', `${options.maxActiveRuns} runs are live, the most this engine takes at once; retry when some have ended`);
    }
  }

  async function startRun(request: StartRunRequest): Promise<RunRecord> {
    if (stopped) throw new EngineError('unavailable', 'the engine is stopping');
    assertCapacity();
    // A version is immutable: with its graph compiled already, the store need not be read.
    const known = request.version === undefined ? undefined : graphs.get(`${request.workflowId}@${request.version}`);
    const stored = known
      ? { id: request.workflowId, version: request.version! }
      : request.version === undefined
        ? await deps.store.getWorkflow(request.workflowId)
        : await deps.store.getWorkflowVersion(request.workflowId, request.version);
    if (!stored) throw new EngineError('not_found', `workflow '${request.workflowId}' was not found`);
    const graph = known ?? (await graphFor(stored.id, stored.version));
    const now = deps.clock.now();
    const { run, nodes, triggerAttempt } = newRun({ id: request.runId ?? newId(), workflowId: stored.id, workflowVersion: stored.version, trigger: request.trigger, mode: request.mode ?? 'production' }, graph, now);
    const lease = leases.forNewRun(run.id);
    await env.track(deps.store.commit({ created: { run, nodes, lease: lease.created }, attempts: [triggerAttempt] }));
    const driver = drive(new RunDriver(env, { ...run }, nodes, graph, lease.fence));
    void driver.enqueue({ type: 'continue' });
    return run;
  }

  return {
    async start() {
      stopped = false;
      guards.restore(await deps.store.latestBreakerTransitions());
      for (const lease of await leases.claimUnfinished()) await env.track(load(lease.runId, { lease }));
    },
    startRun,
    integrationStatus: (integrationId) => guards.status(integrationId),
    forgetIntegration: (integrationId) => guards.forget(integrationId),
    async cancelRun(runId, opts = {}) {
      const compensate = opts.compensate ?? false;
      const live = drivers.get(runId);
      if (live && !live.ended) return live.cancel(compensate);
      // Not live here (waiting to be reloaded after a failed step, or taken by no engine yet):
      // taken back cancelled, without running anything first.
      const taken = live || stopped ? undefined : await env.track(load(runId, { cancel: { compensate } }));
      if (taken) return;
      const run = await deps.store.getRun(runId);
      if (!run) throw new EngineError('not_found', `run '${runId}' was not found`);
      throw new EngineError('conflict', `run '${runId}' has ended (${run.status}); it cannot be cancelled`);
    },
    async resumeRun(runId, opts = {}) {
      if (drivers.has(runId)) throw new EngineError('conflict', `run '${runId}' is live; only an ended run can be resumed`);
      assertCapacity();
      const snapshot = await deps.store.loadRun(runId);
      if (!snapshot) throw new EngineError('not_found', `run '${runId}' was not found`);
      const { run } = snapshot;
      if (!TERMINAL_RUN_STATUSES.has(run.status)) throw new EngineError('conflict', `run '${runId}' is live; only an ended run can be resumed`);
      if (run.status === 'succeeded') throw new EngineError('conflict', `run '${runId}' succeeded; there is nothing to resume`);
      const version = opts.version ?? run.workflowVersion;
      const graph = await graphFor(run.workflowId, version);
      for (const node of snapshot.nodes) {
        const stands = node.status === 'succeeded' || node.status === 'compensation_failed';
        if (stands && !graph.nodes.has(node.nodeId)) {
          throw new EngineError('conflict', `version ${version} has no node '${node.nodeId}', whose success the run keeps`);
        }
      }
      const lease = await leases.claim(runId);
      if (!lease) throw new EngineError('conflict', `run '${runId}' is driven by another worker`);
      await drive(new RunDriver(env, run, snapshot.nodes, graph, lease)).resume(graph, version);
    },
    async replayRun(runId, opts = {}) {
      const run = await deps.store.getRun(runId);
      if (!run) throw new EngineError('not_found', `run '${runId}' was not found`);
      // A replay counts like the run it repeats: a test run's replay is a test run too.
      const request = opts.version === undefined ? { workflowId: run.workflowId, trigger: run.trigger, mode: run.mode } : { workflowId: run.workflowId, version: opts.version, trigger: run.trigger, mode: run.mode };
      return startRun(request);
    },
    waitForRun(runId) {
      return new Promise((resolve, reject) => {
        const live = drivers.get(runId);
        if (live && !live.ended) {
          const list = waiters.get(runId) ?? [];
          list.push(resolve);
          waiters.set(runId, list);
          return;
        }
        deps.store.getRun(runId).then((run) => {
          if (!run) reject(new EngineError('not_found', `run '${runId}' was not found`));
          else if (TERMINAL_RUN_STATUSES.has(run.status)) resolve(run);
          else {
            const list = waiters.get(runId) ?? [];
            list.push(resolve);
            waiters.set(runId, list);
          }
        }, reject);
      });
    },
    idle(opts = {}) {
      const { signal } = opts;
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        // A waiter given up on (its signal aborted) leaves the list: a busy engine keeps none.
        const waiter = (): void => {
          signal?.removeEventListener('abort', giveUp);
          resolve();
        };
        const giveUp = (): void => {
          idleWaiters = idleWaiters.filter((w) => w !== waiter);
          resolve();
        };
        signal?.addEventListener('abort', giveUp, { once: true });
        idleWaiters.push(waiter);
        settleIdle();
      });
    },
    subscribe(listener, opts = {}) {
      const { runId } = opts;
      if (runId === undefined) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }
      const group = runListeners.get(runId) ?? new Set();
      group.add(listener);
      runListeners.set(runId, group);
      return () => {
        group.delete(listener);
        if (group.size === 0 && runListeners.get(runId) === group) runListeners.delete(runId);
      };
    },
    async stop() {
      stopped = true;
      for (const d of drivers.values()) d.disposeTimers();
      await leases.releaseAll();
      drivers.clear();
    },
    newRunId: () => newId(),
    get activeRuns() {
      return drivers.size;
    },
  };
}
