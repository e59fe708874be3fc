import type { ParamPath } from '@switchyard/schema';
import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/**
 * SQL text is never a template: values reach the database only as bound parameters, so a
 * `{{ }}` in a query is refused by the schema instead of being evaluated into the SQL.
 */
export function isSqlText(path: ParamPath): boolean {
  return path[0] === 'query' || (path[0] === 'statements' && path[2] === 'query');
}

function firstQuery(p: Readonly<Record<string, unknown>>): string | undefined {
  const single = textOf(p.query);
  if (single !== undefined) return single;
  const statements = Array.isArray(p.statements) ? (p.statements as unknown[]) : [];
  const first = statements[0] as { query?: unknown } | undefined;
  return first === undefined ? undefined : textOf(first.query);
}

/** What the editor shows of `sql`: no zod here (its params schema is in definition.ts). */
export const sqlInfo: NodeCatalogEntry = {
  type: 'sql',
  title: 'SQL query',
  description: 'Runs parameterised statements on PostgreSQL, MySQL/MariaDB or SQLite through a connection credential.',
  group: 'integration',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  isTemplateExempt: isSqlText,
  summary: (p) => shorten(firstQuery(p)?.replace(/\s+/g, ' ').trim() ?? 'sql'),
  starterParams: { query: 'select 1 as one', params: [] },
  docs: {
    params:
      '`query` + `params` (bound values: `$1` on PostgreSQL, `?` on MySQL and SQLite), or `statements` `[{query, params}]`; `transaction` (default `false`), `timeoutMs` (statement timeout, default 30000), `maxRows` (default 1000); the node\'s `credential` is a `connection` credential',
    output: '`{ rows, rowCount }` (of the last statement; with `statements` also `results`)',
    retrySafe: 'only when `policy.idempotencyKey` is set (the author vouches the statements are idempotent)',
  },
};
