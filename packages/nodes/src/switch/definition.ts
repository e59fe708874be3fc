import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { describeValue } from '../shared/describe-value.js';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { switchInfo } from './info.js';

export { SWITCH_DEFAULT_OUTPUT, caseOutput } from './info.js';

export const SWITCH_MODES = ['first', 'all'] as const;
export type SwitchMode = (typeof SWITCH_MODES)[number];
export const SWITCH_DEFAULTS = { mode: 'first' } as const;

/** More cases than this are a lookup table: a `transform` over a mapping object reads better. */
export const SWITCH_MAX_CASES = 50;

const CASE_NAME_RULE = 'a case name is 1 to 64 letters, digits, _ or -';

// Names become handles (`case:<name>`) and canvas handle ids: kept to a plain alphabet.
const CaseName = z.string({ error: (issue) => (issue.input === undefined ? 'name is required' : CASE_NAME_RULE) }).regex(/^[A-Za-z0-9_-]{1,64}$/, CASE_NAME_RULE);

const modeSchema = z.enum(SWITCH_MODES, { error: () => 'mode is "first" or "all"' });

/** Duplicate names would make two cases share one handle: the later one is located. */
function uniqueNames(cases: ReadonlyArray<{ name: string }>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  cases.forEach((c, index) => {
    const first = seen.get(c.name);
    if (first === undefined) seen.set(c.name, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate case name '${c.name}' (also cases[${first}])` });
  });
}

function casesSchema<C extends z.ZodType>(condition: C) {
  return z
    .array(strictParams({ name: CaseName, condition }), {
      error: (issue) => (issue.input === undefined ? 'cases is required' : 'cases is an array of {name, condition}'),
    })
    // A refinement, not .min(1): the validator keeps a custom message as written.
    .refine((cases) => cases.length > 0, 'cases names at least one case')
    .max(SWITCH_MAX_CASES, `cases names at most ${SWITCH_MAX_CASES} cases`)
    .superRefine(uniqueNames);
}

/** `switch` params as authored: each condition a boolean or a template. */
export const SwitchParams = strictParams({
  cases: casesSchema(typed(z.boolean(), 'a boolean')),
  mode: modeSchema.optional(),
});

/** After evaluation every condition must be a boolean (workflow-format.md, "Types"). */
export const SwitchResolvedParams = strictParams({
  cases: casesSchema(z.boolean({ error: (issue) => `must evaluate to a boolean, got ${describeValue(issue.input)}` })),
  mode: modeSchema.default(SWITCH_DEFAULTS.mode),
});

export const switchDefinition: NodeDefinition = { ...switchInfo, params: SwitchParams };
