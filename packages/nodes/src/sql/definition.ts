import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { isTemplateString, typed } from '../shared/template.js';
import { sqlInfo } from './info.js';

export const SQL_DEFAULTS = { transaction: false, timeoutMs: 30_000, maxRows: 1_000 } as const;
/** The most statements one node runs, and the most rows it may return. */
export const SQL_LIMITS = { statements: 50, params: 1_000, maxRows: 100_000, timeoutMs: 600_000 } as const;

const SqlText = z
  .string({ error: 'query is the SQL text' })
  .min(1, 'query is the SQL text')
  .max(100_000, 'query is at most 100000 characters')
  .refine((q) => !isTemplateString(q), 'SQL text is not a template: put values in params and refer to them as $1 (PostgreSQL) or ? (MySQL, SQLite)');

const TimeoutMs = z.number().int('timeoutMs is a whole number of ms').min(1, 'timeoutMs is at least 1').max(SQL_LIMITS.timeoutMs, `timeoutMs is at most ${SQL_LIMITS.timeoutMs}`);
const MaxRows = z.number().int('maxRows is a whole number').min(1, 'maxRows is at least 1').max(SQL_LIMITS.maxRows, `maxRows is at most ${SQL_LIMITS.maxRows}`);

/** Each value is bound by the driver; a template may produce any JSON value. */
const Values = z.array(z.json()).max(SQL_LIMITS.params, `at most ${SQL_LIMITS.params} params`);

const Statement = strictParams({ query: SqlText, params: Values.optional() });

function exactlyOneForm(p: { query?: unknown; statements?: unknown }, ctx: z.core.$RefinementCtx): void {
  if ((p.query === undefined) === (p.statements === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['query'], message: 'give either query (with params) or statements, not both and not neither' });
  }
}

/** `sql` params as authored. */
export const SqlParams = strictParams({
  query: SqlText.optional(),
  params: Values.optional(),
  statements: z.array(Statement).min(1, 'statements holds at least one statement').max(SQL_LIMITS.statements).optional(),
  transaction: typed(z.boolean(), 'a boolean').optional(),
  timeoutMs: typed(TimeoutMs, 'a whole number of ms').optional(),
  maxRows: typed(MaxRows, 'a whole number').optional(),
}).superRefine(exactlyOneForm);

/** After evaluation, with the defaults applied. */
export const SqlResolvedParams = strictParams({
  query: SqlText.optional(),
  params: Values.optional(),
  statements: z.array(Statement).min(1).max(SQL_LIMITS.statements).optional(),
  transaction: z.boolean().default(SQL_DEFAULTS.transaction),
  timeoutMs: TimeoutMs.default(SQL_DEFAULTS.timeoutMs),
  maxRows: MaxRows.default(SQL_DEFAULTS.maxRows),
}).superRefine(exactlyOneForm);
export type ResolvedSqlParams = z.output<typeof SqlResolvedParams>;

export const sqlDefinition: NodeDefinition = { ...sqlInfo, params: SqlParams };
