import { SWITCH_DEFAULT_OUTPUT, caseOutput } from './info.js';
import type { SwitchMode } from './definition.js';

/**
 * The outputs a switch takes, from its evaluated cases: the first matching case (`first`) or
 * every matching case in order (`all`); `default` only when none matched.
 */
export function chooseOutputs(cases: ReadonlyArray<{ name: string; condition: boolean }>, mode: SwitchMode): string[] {
  const matching = cases.filter((c) => c.condition).map((c) => caseOutput(c.name));
  if (matching.length === 0) return [SWITCH_DEFAULT_OUTPUT];
  return mode === 'first' ? matching.slice(0, 1) : matching;
}
