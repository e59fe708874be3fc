import type { Engine } from '@switchyard/engine';
import type { CredentialStore } from '../ports/index.js';
import type { Logger } from 'pino';

/**
 * Starts a locked credential's recovery workflow, if it has one (semantics.md "Credentials"),
 * with the context as `$trigger.body`: which credential, and when it was locked. Never the secret.
 */
export async function startRecovery(deps: { store: Pick<CredentialStore, 'getCredential'>; engine: Engine; log: Logger }, credentialId: string, lockedAt: number): Promise<void> {
  const record = await deps.store.getCredential(credentialId);
  const workflowId = record?.recoveryWorkflowId;
  if (!record || !workflowId) return;
  try {
    const run = await deps.engine.startRun({
      workflowId,
      trigger: { kind: 'manual', body: { event: 'credential_locked', credential: { id: record.id, name: record.name, kind: record.kind }, lockedAt: new Date(lockedAt).toISOString() } },
    });
    deps.log.info({ credentialId, workflowId, runId: run.id }, 'recovery workflow started for a locked credential');
  } catch (err) {
    deps.log.warn({ credentialId, workflowId, err: err instanceof Error ? err.message : String(err) }, 'the recovery workflow of a locked credential could not be started');
  }
}
