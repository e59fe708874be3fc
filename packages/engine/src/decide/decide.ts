import { healthAnswered, lastKnownGoodAnswered, retryBudgetAnswered } from './after-failure.js';
import { attemptFinished, attemptNotStarted, attemptPrepared, timerFired } from './attempts.js';
import type { Command, RunEvent, RunEventType } from './commands.js';
import { advance } from './forward.js';
import { cancel, cancelOnLoad, giveUp, recover, resume } from './recovery.js';
import type { Decision, DecisionInputs } from './state.js';

type EventRules = { [K in RunEventType]: (d: Decision, event: Extract<RunEvent, { type: K }>) => void };

/** The rule for every event; an event without one does not compile. */
const RULES: EventRules = {
  continue: () => undefined,
  recover: (d, e) => recover(d, e.openAttempts),
  timer_fired: (d, e) => timerFired(d, e.nodeId),
  cancel: (d, e) => cancel(d, e.compensate),
  cancel_on_load: (d, e) => cancelOnLoad(d, e.openAttempts, e.compensate),
  resume: (d, e) => resume(d, e.graph, e.version),
  give_up: (d, e) => giveUp(d, e.nodeIds, e.failure, e.outright),
  attempt_prepared: (d, e) => attemptPrepared(d, e.nodeId, e.attempt, e.params),
  attempt_not_started: (d, e) => attemptNotStarted(d, e.nodeId, e.attempt, e.failure, e.counted),
  attempt_finished: (d, e) => attemptFinished(d, e.nodeId, e.attempt, e.result),
  retry_budget_answered: (d, e) => retryBudgetAnswered(d, e.nodeId, e.failure, e.delayMs, e.allowed),
  last_known_good_answered: (d, e) => lastKnownGoodAnswered(d, e.nodeId, e.failure, e.found),
  health_answered: (d, e) => healthAnswered(d, e.nodeId, e.failure, e.then, e.health),
};

/**
 * Applies one event to the run: changes its state (recorded in the step) and answers what is to
 * be done. Deterministic and free of I/O: the same state, event, time and randomness give the
 * same changes and commands.
 */
export function decide(inputs: DecisionInputs, event: RunEvent): Command[] {
  const d: Decision = { ...inputs, commands: [] };
  (RULES[event.type] as (d: Decision, e: RunEvent) => void)(d, event);
  return d.commands;
}

/** What the run does next on its own (see `advance`); no command when it has settled. */
export function decideNext(inputs: DecisionInputs): Command[] {
  const d: Decision = { ...inputs, commands: [] };
  advance(d);
  return d.commands;
}
