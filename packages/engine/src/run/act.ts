import { failure } from '@switchyard/schema';
import type { CommandHandlers, DependencyHealth, RunEvent } from '../decide/commands.js';
import type { RunState } from '../decide/state.js';
import type { EngineEnv } from '../env.js';
import type { ExecutionResult, NodeExecutor } from '../ports.js';
import type { Step } from '../step.js';
import { bindingsOf } from './bindings.js';
import { evaluateKey, prepareAttempt } from './prepare.js';
import type { PreparedAttempt } from './prepare.js';

/** Pure nodes finish within the step that starts them: nothing can abort them. */
const NEVER_ABORTED = new AbortController().signal;

type Ready = Extract<PreparedAttempt, { ok: true }>;

/** What carrying out commands needs of the run's driver. */
export interface Actor {
  readonly env: EngineEnv;
  readonly state: RunState;
  /** The step in progress (its changes take what a command writes, e.g. a last-known-good value). */
  step(): Step;
  /** Attempts prepared and not yet executed or sent, by node. */
  readonly ready: Map<string, { exec: NodeExecutor; prepared: Ready }>;
  /** How to abort the attempts in flight, by node. */
  readonly controllers: Map<string, AbortController>;
  armTimer(nodeId: string, at: number): void;
  disarmTimer(nodeId: string): void;
  /** Hands an answer that comes later (an attempt sent out) to the run as a step of its own. */
  deliver(event: RunEvent): void;
}

export type CommandAnswer = RunEvent | undefined;

/**
 * The effects of the decisions: every command's handler. Look-ups answer with the event the
 * decision waits for; a command that only acts answers nothing.
 */
export function commandHandlers(actor: Actor): CommandHandlers<Promise<CommandAnswer> | CommandAnswer> {
  const { env, state } = actor;
  return {
    async start_attempt({ nodeId, attempt }) {
      const def = state.graph.nodes.get(nodeId)!;
      const exec = env.nodes.get(def.type);
      if (!exec) {
        const f = failure('internal', `no executor is registered for node type '${def.type}'`);
        return { type: 'attempt_not_started', nodeId, attempt, failure: f, counted: false };
      }
      const prepared = await prepareAttempt(env, state, def, exec, attempt, state.nodes.get(nodeId)?.input ?? null);
      if (!prepared.ok) return { type: 'attempt_not_started', nodeId, attempt, failure: prepared.failure, counted: true };
      actor.ready.set(nodeId, { exec, prepared });
      return { type: 'attempt_prepared', nodeId, attempt, params: prepared.params };
    },
    async execute_inline({ nodeId, attempt }) {
      const { exec, prepared } = takeReady(actor, nodeId);
      const result = await env.execute(exec, prepared.params, prepared.context(NEVER_ABORTED));
      return { type: 'attempt_finished', nodeId, attempt, result };
    },
    send_attempt({ nodeId, attempt, isRetry }) {
      const { exec, prepared } = takeReady(actor, nodeId);
      const controller = new AbortController();
      actor.controllers.set(nodeId, controller);
      const context = prepared.context(controller.signal);
      const send = (): Promise<ExecutionResult> => env.execute(exec, prepared.params, context);
      // A call to an integration passes its breaker, rate limit and bulkhead first. A test run's
      // call passes none of them: it is neither refused by production's figures nor counted in them.
      const execution = context.integration && !isTestRun(state)
        ? env.guards.call({ integration: context.integration, isRetry, timeoutMs: context.timeoutMs, signal: controller.signal }, send)
        : send();
      void env.track(
        execution.then((result) => {
          if (actor.controllers.get(nodeId) === controller) actor.controllers.delete(nodeId);
          if (!result.ok && result.failure.category === 'auth' && context.credential && !isTestRun(state)) noteAuthFailure(env, context.credential.id);
          actor.deliver({ type: 'attempt_finished', nodeId, attempt, result });
        }),
      );
      return undefined;
    },
    abort_attempts() {
      for (const controller of actor.controllers.values()) controller.abort();
      return undefined;
    },
    arm_timer({ nodeId, at }) {
      actor.armTimer(nodeId, at);
      return undefined;
    },
    disarm_timer({ nodeId }) {
      actor.disarmTimer(nodeId);
      return undefined;
    },
    ask_retry_budget({ nodeId, integration, failure: f, delayMs }) {
      // A test run's retries take nothing from the budget production runs share.
      return { type: 'retry_budget_answered', nodeId, failure: f, delayMs, allowed: isTestRun(state) || env.guards.allowRetry(integration) };
    },
    async look_up_last_known_good({ nodeId, failure: f }) {
      const key = await lastKnownGoodKey(actor, nodeId);
      const record = key === undefined ? undefined : await env.store.getLastKnownGood(state.run.workflowId, nodeId, key);
      return { type: 'last_known_good_answered', nodeId, failure: f, found: record ? { output: record.output, updatedAt: record.updatedAt } : undefined };
    },
    async save_last_known_good({ nodeId, output }) {
      // A test run may read a last-known-good value but never writes one: production falls back on it.
      if (isTestRun(state)) return undefined;
      const key = await lastKnownGoodKey(actor, nodeId);
      if (key !== undefined) actor.step().lastKnownGood.push({ workflowId: state.run.workflowId, nodeId, key, output, updatedAt: env.clock.now() });
      return undefined;
    },
    async check_health({ nodeId, failure: f, then }) {
      return { type: 'health_answered', nodeId, failure: f, then, health: await dependencyHealth(env, state, nodeId, f.category === 'credential_locked') };
    },
  };
}

function isTestRun(state: RunState): boolean {
  return state.run.mode === 'test';
}

function takeReady(actor: Actor, nodeId: string): { exec: NodeExecutor; prepared: Ready } {
  const ready = actor.ready.get(nodeId);
  if (!ready) throw new Error(`node '${nodeId}' has no prepared attempt (engine bug)`);
  actor.ready.delete(nodeId);
  return ready;
}

async function lastKnownGoodKey(actor: Actor, nodeId: string): Promise<string | undefined> {
  const node = actor.state.nodes.get(nodeId)!;
  const template = actor.state.graph.nodes.get(nodeId)?.policy?.lastKnownGood?.key;
  return evaluateKey(actor.env, template, bindingsOf(actor.state, nodeId, node.input, node.lastAttempt));
}

/** The node's credential lock, or its integration's breaker (built from the record, so one restored open knows its cool-down). */
async function dependencyHealth(env: EngineEnv, state: RunState, nodeId: string, credentialLocked: boolean): Promise<DependencyHealth> {
  const def = state.graph.nodes.get(nodeId);
  const integration = def?.integration === undefined ? undefined : await env.store.getIntegration(def.integration);
  if (credentialLocked) {
    const credentialId = def?.credential ?? integration?.credential ?? undefined;
    const credential = credentialId ? await env.credentials?.resolve(credentialId) : undefined;
    return { credentialLocked: credential?.locked === true };
  }
  const breaker = integration ? env.guards.statusFor(integration).breaker : undefined;
  return breaker?.state === 'open' && breaker.retryAt !== null ? { breakerOpenUntil: breaker.retryAt } : {};
}

/** Credential health is bookkeeping beside the run: a failure to record it is logged, not fatal. */
function noteAuthFailure(env: EngineEnv, credentialId: string): void {
  const record = env.credentials?.recordAuthFailure;
  if (!record) return;
  void env.track(
    record.call(env.credentials, credentialId, env.clock.now()).catch((err: unknown) => {
      env.log.warn({ credentialId, err: String(err) }, 'an auth failure could not be recorded on its credential');
    }),
  );
}

