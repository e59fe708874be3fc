import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten } from '../shared/card-text.js';

/** What the editor shows of `code`: no zod here (its params schema is in definition.ts). */
export const codeInfo: NodeCatalogEntry = {
  type: 'code',
  title: 'Code',
  description: 'Runs a few lines of JavaScript in a sandbox and outputs the value they return.',
  group: 'logic',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  // The code is JavaScript, not a template: `{{` in it is the author's, and `$input` is a variable.
  isTemplateExempt: (path) => path[0] === 'code',
  summary: (p) => shorten(typeof p.code === 'string' ? (p.code.split('\n').find((line) => line.trim() !== '') ?? '').trim() : ''),
  starterParams: { code: 'return $input;' },
  docs: {
    params: '`code` (JavaScript, the body of an async function; not a template), `timeLimitMs` (default 1000, at most 30000)',
    output: 'the JSON value the code returns; `console` lines go to the attempt\'s recorded response (`body.logs`)',
    retrySafe: 'yes (it reaches nothing outside the sandbox)',
  },
};
