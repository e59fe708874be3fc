import type { AccessTokenResult, ExecutionResult } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { OAuth2Credential, StaticCredential } from './credentials.js';
import type { AttemptSignals } from './exchange.js';

/** Sends the request once with the credential given; the caller prepares and exchanges it. */
export type SendWith = (credential: StaticCredential) => Promise<ExecutionResult>;

/**
 * Sends with an OAuth2 credential's access token as `Authorization: Bearer`. semantics.md: "On
 * an `auth` failure an OAuth2 credential is refreshed once and the attempt repeated once." Both
 * happen inside this one attempt, under its deadline: the upstream's 401 (or 403) says only
 * that the token was refused, so the engine should not see a failure unless the repeat with a
 * new token is refused as well. The attempt records the last exchange.
 */
export async function sendWithAccessToken(credential: OAuth2Credential, signals: AttemptSignals, send: SendWith): Promise<ExecutionResult> {
  const first = await awaitToken(credential.tokens.current(), signals);
  if (!first.ok) return { ok: false, failure: first.failure };
  const result = await send(asBearer(credential, first.accessToken));
  if (result.ok || result.failure.category !== 'auth') return result;

  const renewed = await awaitToken(credential.tokens.renew(first.accessToken), signals);
  if (!renewed.ok) {
    // The refusal stays in the history (its request and response); the category is the token
    // endpoint's, so an unreachable endpoint is retried and a revoked grant is `auth`.
    const message = `${result.failure.message}; a new access token could not be had: ${renewed.failure.message}`;
    return { ...result, failure: { ...renewed.failure, message } };
  }
  const repeated = await send(asBearer(credential, renewed.accessToken));
  if (repeated.ok || repeated.failure.category !== 'auth') return repeated;
  return { ...repeated, failure: { ...repeated.failure, message: `${repeated.failure.message} (refused again with a new access token)` } };
}

function asBearer(credential: OAuth2Credential, accessToken: string): StaticCredential {
  return { id: credential.id, kind: 'bearer', token: accessToken };
}

/**
 * Waits for a token no longer than the attempt may: a cancel or the deadline ends the wait
 * (the shared token request goes on for the other callers).
 */
function awaitToken(pending: Promise<AccessTokenResult>, signals: AttemptSignals): Promise<AccessTokenResult> {
  const signal = AbortSignal.any([signals.cancel, signals.deadline]);
  if (signal.aborted) return Promise.resolve(abandoned(signals));
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(abandoned(signals));
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = (result: AccessTokenResult): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    pending.then(settle, (err: unknown) =>
      // The source promises never to throw; should it, the attempt fails as ours, not the user's.
      settle({ ok: false, failure: failure('internal', `the access token source failed: ${err instanceof Error ? err.name : 'unknown error'}`) }),
    );
  });
}

function abandoned(signals: AttemptSignals): AccessTokenResult {
  return signals.cancel.aborted
    ? { ok: false, failure: failure('cancelled', 'the run was cancelled while waiting for an access token') }
    : { ok: false, failure: failure('timeout', `no access token within ${signals.timeoutMs} ms`) };
}
