import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten } from '../shared/card-text.js';

/** The output a `switch` takes when no case matched. */
export const SWITCH_DEFAULT_OUTPUT = 'default';

/** The output of the case named `name` (workflow-format.md reserves `case:<name>`). */
export function caseOutput(name: string): string {
  return `case:${name}`;
}

/** The case names of draft params, in order; anything that is not a named case is left out. */
export function caseNames(params: unknown): string[] {
  const cases = typeof params === 'object' && params !== null ? (params as { cases?: unknown }).cases : undefined;
  if (!Array.isArray(cases)) return [];
  return cases.flatMap((c: unknown) => {
    const name = typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
}

/** What the editor shows of `switch`: no zod here (its params schema is in definition.ts). */
export const switchInfo: NodeCatalogEntry = {
  type: 'switch',
  title: 'Switch',
  description: 'Passes its input on through the output of the first matching case (or of every matching case), else "default".',
  group: 'logic',
  // One handle per case, in the cases' order, then `default`: adding a case adds a handle.
  outputs: (params) => [...new Set(caseNames(params))].map(caseOutput).concat(SWITCH_DEFAULT_OUTPUT),
  // A condition that is not a boolean fails the node (invalid_request).
  canFail: true,
  isTrigger: false,
  summary: (p) => {
    const names = caseNames(p);
    const mode = p.mode === 'all' ? 'all of' : 'first of';
    return shorten(names.length === 0 ? 'no cases' : `${mode} ${names.join(', ')}`);
  },
  starterParams: {
    cases: [
      { name: 'high', condition: '{{ $input.amount > 1000 }}' },
      { name: 'low', condition: '{{ $input.amount <= 1000 }}' },
    ],
  },
  docs: {
    params: '`cases` (ordered `{name, condition}`), `mode` (`"first"` default, or `"all"`)',
    output: 'its input, through `case:<name>` of the first matching case (`first`) or of every matching case (`all`), else `default`',
    retrySafe: 'yes',
  },
};
