import type { Failure, Json } from '@switchyard/schema';
import type { Graph } from '../graph.js';
import type { ExecutionResult } from '../ports.js';
import type { AttemptRecord } from '../records.js';

/**
 * What the decisions ask the driver to do. Decisions change the run's state (the changes are
 * committed as one step) and return commands; the driver carries them out. A command that needs
 * an answer (a look-up, preparing an attempt) is answered with an event, decided in the same step.
 */
export type Command =
  /** Prepare a node's attempt: integration, credential, params; answered `attempt_prepared` or `attempt_not_started`. */
  | { type: 'start_attempt'; nodeId: string; attempt: AttemptRecord }
  /** Run a prepared attempt of a pure node now, inside the step; answered `attempt_finished`. */
  | { type: 'execute_inline'; nodeId: string; attempt: AttemptRecord }
  /** Send a prepared attempt to its executor once its start is committed; answered later, in a step of its own. */
  | { type: 'send_attempt'; nodeId: string; attempt: AttemptRecord; isRetry: boolean }
  /** Abort every attempt in flight (they still answer, as cancelled). */
  | { type: 'abort_attempts' }
  /** Wake the run at `at` for this node (after the commit that stores the timer). */
  | { type: 'arm_timer'; nodeId: string; at: number }
  | { type: 'disarm_timer'; nodeId: string }
  /** Take one retry out of the integration's retry budget; answered `retry_budget_answered`. */
  | { type: 'ask_retry_budget'; nodeId: string; integration: string; failure: Failure; delayMs: number }
  /** Find the node's last-known-good output under its key; answered `last_known_good_answered`. */
  | { type: 'look_up_last_known_good'; nodeId: string; failure: Failure }
  /** Store the node's output as its last-known-good under its key (part of the step's changes). */
  | { type: 'save_last_known_good'; nodeId: string; output: Json }
  /** How the node's dependency stands (breaker, credential lock); answered `health_answered`. */
  | { type: 'check_health'; nodeId: string; failure: Failure; then: HealthCheckPurpose };

export type CommandType = Command['type'];

/** A deferral being entered (`park`) or a parked node's timer having fired (`wake`). */
export type HealthCheckPurpose = 'park' | 'wake';

/** What a dependency's health check found; the decision turns it into a wake-up time. */
export interface DependencyHealth {
  /** The node's credential is locked (only asked for `credential_locked` failures). */
  credentialLocked?: boolean;
  /** The integration's breaker is open until then (probes let through), if it is open. */
  breakerOpenUntil?: number;
}

/** Commands carried out only after the step's changes are committed: they reach outside the run. */
export const RUNS_AFTER_COMMIT: Readonly<Record<CommandType, boolean>> = {
  start_attempt: false,
  execute_inline: false,
  send_attempt: true,
  abort_attempts: false,
  arm_timer: true,
  disarm_timer: false,
  ask_retry_budget: false,
  look_up_last_known_good: false,
  save_last_known_good: false,
  check_health: false,
};

/** A handler for every command; adding a command without its handler does not compile. */
export type CommandHandlers<R> = { [K in CommandType]: (command: Extract<Command, { type: K }>) => R };

/** What happens to a run: from outside (cancel, a timer, a restart) or as a command's answer. */
export type RunEvent =
  /** Nothing new: look at what is ready (a new run, or work a step left for the next). */
  | { type: 'continue' }
  | { type: 'recover'; openAttempts: readonly AttemptRecord[] }
  | { type: 'timer_fired'; nodeId: string }
  | { type: 'cancel'; compensate: boolean }
  | { type: 'cancel_on_load'; openAttempts: readonly AttemptRecord[]; compensate: boolean }
  | { type: 'resume'; graph: Graph; version: number }
  /** A poison run: its step keeps failing; see engine/step-failures.ts. */
  | { type: 'give_up'; nodeIds: readonly string[]; failure: Failure; outright: boolean }
  | { type: 'attempt_prepared'; nodeId: string; attempt: AttemptRecord; params: Json }
  /** `counted`: the attempt counts toward maxAttempts (it was the node's, not a missing executor). */
  | { type: 'attempt_not_started'; nodeId: string; attempt: AttemptRecord; failure: Failure; counted: boolean }
  | { type: 'attempt_finished'; nodeId: string; attempt: AttemptRecord; result: ExecutionResult }
  | { type: 'retry_budget_answered'; nodeId: string; failure: Failure; delayMs: number; allowed: boolean }
  | { type: 'last_known_good_answered'; nodeId: string; failure: Failure; found: { output: Json; updatedAt: number } | undefined }
  | { type: 'health_answered'; nodeId: string; failure: Failure; then: HealthCheckPurpose; health: DependencyHealth };

export type RunEventType = RunEvent['type'];
