import { ExpressionError, evaluateTemplate, resolveTemplates } from '@switchyard/expressions';
import type { Bindings } from '@switchyard/expressions';
import { POLICY_DEFAULTS, failure } from '@switchyard/schema';
import type { Failure, Json, WorkflowNode } from '@switchyard/schema';
import type { EngineEnv } from '../env.js';
import type { RunState } from '../decide/state.js';
import type { ExecutionContext, NodeExecutor, ResolvedCredential } from '../ports.js';
import type { AttemptRecord, IntegrationRecord } from '../records.js';
import { bindingsOf } from './bindings.js';
import { succeededOutputs } from '../decide/inputs.js';

export type PreparedAttempt =
  | { ok: true; params: Json; context(signal: AbortSignal): ExecutionContext }
  | { ok: false; failure: Failure };

/**
 * Everything an attempt needs before its executor runs: the integration and credential it uses,
 * its params with templates evaluated, its idempotency key and timeout. Any problem here is the
 * workflow's (`invalid_request`), never the engine's.
 */
export async function prepareAttempt(
  env: EngineEnv,
  state: RunState,
  node: WorkflowNode,
  exec: NodeExecutor,
  attempt: AttemptRecord,
  input: Json | null,
): Promise<PreparedAttempt> {
  let integration: IntegrationRecord | undefined;
  if (node.integration !== undefined) {
    integration = await env.store.getIntegration(node.integration);
    if (!integration) return { ok: false, failure: failure('invalid_request', `integration '${node.integration}' is not registered`) };
  }
  const credentialId = node.credential ?? integration?.credential ?? undefined;
  let credential: ResolvedCredential | undefined;
  if (credentialId !== undefined && credentialId !== null) {
    credential = await env.credentials?.resolve(credentialId);
    if (!credential) return { ok: false, failure: failure('invalid_request', `credential '${credentialId}' is not registered`) };
    // Nothing is sent with a locked credential: the provider is not hammered with requests it refuses.
    if (credential.locked === true) {
      return { ok: false, failure: failure('credential_locked', `credential '${credentialId}' is locked after repeated auth failures; save a new secret or unlock it`) };
    }
  }
  const bindings: Bindings = {
    ...bindingsOf(state, node.id, input, attempt.number),
    integration: integration ? { id: integration.id, baseUrl: integration.baseUrl } : undefined,
  };
  const evalContext = { bindings, now: () => env.clock.now(), limits: env.options.expressionLimits };
  let params: Json;
  try {
    params = exec.definition.isTrigger
      ? ((node.params ?? {}) as Json)
      : ((await resolveTemplates(node.params ?? {}, evalContext, {
          skip: (path) => exec.definition.isTemplateExempt?.(path) ?? false,
        })) as Json);
  } catch (err) {
    return { ok: false, failure: expressionFailure('params', err) };
  }
  const explicitKey = node.policy?.idempotencyKey;
  let idempotencyKey = `${state.run.id}:${node.id}:${attempt.epoch}`;
  if (explicitKey !== undefined) {
    try {
      const value = await evaluateTemplate(explicitKey, evalContext);
      idempotencyKey = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    } catch (err) {
      return { ok: false, failure: expressionFailure('policy.idempotencyKey', err) };
    }
  }
  const timeoutMs = node.policy?.timeoutMs ?? integration?.timeoutMs ?? POLICY_DEFAULTS.timeoutMs;
  const context = (signal: AbortSignal): ExecutionContext => ({
    runId: state.run.id,
    workflowId: state.run.workflowId,
    nodeId: node.id,
    attempt: attempt.number,
    epoch: attempt.epoch,
    input: node.id === state.graph.triggerId ? (state.run.trigger as unknown as Json) : input,
    isJoin: (state.graph.incoming.get(node.id)?.length ?? 0) > 1,
    scope: {
      trigger: state.run.trigger as unknown as Json,
      nodes: succeededOutputs(state.nodes),
      run: { id: state.run.id, workflowId: state.run.workflowId, workflowVersion: state.run.workflowVersion },
    },
    integration,
    credential,
    idempotencyKey,
    idempotencyKeyExplicit: explicitKey !== undefined,
    timeoutMs,
    signal,
    now: () => env.clock.now(),
    deadline: (ms) => env.clock.deadline(ms),
    recordBodyBytes: env.options.recordBodyBytes,
  });
  return { ok: true, params, context };
}

/** Evaluates a key template (last-known-good); undefined when it cannot be evaluated. */
export async function evaluateKey(env: EngineEnv, template: string | undefined, bindings: Bindings): Promise<string | undefined> {
  if (template === undefined || template === '') return '';
  try {
    const value = await evaluateTemplate(template, { bindings, now: () => env.clock.now(), limits: env.options.expressionLimits });
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function expressionFailure(where: string, err: unknown): Failure {
  const message = err instanceof ExpressionError || err instanceof Error ? err.message : String(err);
  return failure('invalid_request', `expression in ${where} failed: ${message}`);
}
