import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { requiredError, strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { codeInfo } from './info.js';

export const CODE_DEFAULTS = { timeLimitMs: 1_000 } as const;
/** The longest a code node may run: it holds a sandbox worker the whole time. */
export const CODE_MAX_TIME_LIMIT_MS = 30_000;
/** The source, at most this many characters. */
export const CODE_MAX_CHARS = 100_000;

const Code = z
  .string({ error: requiredError('code') })
  .min(1, 'code is required')
  .max(CODE_MAX_CHARS, `code is at most ${CODE_MAX_CHARS} characters`)
  // JSON Schema's word for what the string holds: the editor's form shows a code editor for it.
  .meta({ contentMediaType: 'text/javascript', description: 'JavaScript: the body of an async function; return a JSON value' });

const TimeLimitMs = z
  .number({ error: 'timeLimitMs is a number of milliseconds' })
  .int('timeLimitMs is a whole number of milliseconds')
  .min(1, 'timeLimitMs is at least 1')
  .max(CODE_MAX_TIME_LIMIT_MS, `timeLimitMs is at most ${CODE_MAX_TIME_LIMIT_MS}`);

/** `code` params as authored: `code` is JavaScript (never a template); `timeLimitMs` a value or a template. */
export const CodeParams = strictParams({ code: Code, timeLimitMs: typed(TimeLimitMs, 'a number of milliseconds').optional() });

/** After evaluation, with the default applied. */
export const CodeResolvedParams = strictParams({ code: Code, timeLimitMs: TimeLimitMs.default(CODE_DEFAULTS.timeLimitMs) });

export const codeDefinition: NodeDefinition = { ...codeInfo, params: CodeParams };
