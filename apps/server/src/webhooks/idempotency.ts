import type { Trigger } from '@switchyard/engine';
import { evaluateExpression } from '@switchyard/expressions';
import type { WebhookSettings } from '@switchyard/nodes';
import type { Json } from '@switchyard/schema';
import type { WebhookAnswer } from './webhook-answer.js';

/** Keys are kept (and deduplicate) for 24 hours. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type KeyResult = { ok: true; key: string | undefined } | { ok: false; message: string };

/** The delivery's idempotency key: a header (read before redaction) or the expression over the trigger. */
export async function idempotencyKeyOf(
  settings: WebhookSettings,
  headers: Record<string, string>,
  trigger: Trigger,
  now: () => number,
): Promise<KeyResult> {
  const rule = settings.idempotency;
  if (rule === undefined) return { ok: true, key: undefined };
  if ('header' in rule) {
    const value = headers[rule.header.toLowerCase()];
    return { ok: true, key: value === undefined || value === '' ? undefined : value };
  }
  try {
    const value = await evaluateExpression(rule.expression, trigger, { now });
    if (value === undefined || value === null || value === '') return { ok: true, key: undefined };
    return { ok: true, key: typeof value === 'string' ? value : JSON.stringify(value) };
  } catch {
    return { ok: false, message: 'the idempotency expression could not be evaluated on this delivery' };
  }
}

/** What an idempotency key's record holds: the run once started, the answer once known. */
export interface KeyState {
  runId?: string;
  answer?: WebhookAnswer;
}

export function readKeyState(response: Json | null): KeyState {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return {};
  return response as unknown as KeyState;
}

export function keyStateJson(state: KeyState): Json {
  return state as unknown as Json;
}
