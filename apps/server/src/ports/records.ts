import type { AlertRule, AlertStatus, Json } from '@switchyard/schema';

// The records of the server's own storage, declared by the server that uses them. A store
// adapter answers these shapes (the composition root checks that at compile time) without the
// server knowing the adapter.

/** An API key: only the SHA-256 hash of its secret is stored. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  hash: string;
  createdAt: number;
}

/** A browser session: the hash of the cookie value and the key it signed in with. */
export interface SessionRecord {
  hash: string;
  apiKeyId: string;
  createdAt: number;
  expiresAt: number;
}

/** A sign-in link's token, by hash: it works once, until `expiresAt`. */
export interface SigninTokenRecord {
  hash: string;
  apiKeyId: string;
  expiresAt: number;
}

/** A credential as stored: the secret fields only as ciphertext (the server encrypts and decrypts). */
export interface CredentialRecord {
  id: string;
  name: string;
  kind: string;
  ciphertext: string;
  createdAt: number;
  updatedAt: number;
  /** When it was locked after repeated auth failures; null (or absent on a write) when it is not. */
  lockedAt?: number | null;
  /** The workflow started when the credential is locked (semantics.md "Credentials"); null: none. */
  recoveryWorkflowId?: string | null;
}

/** When repeated auth failures lock a credential: `threshold` failures within `windowMs`. */
export interface LockPolicy {
  threshold: number;
  windowMs: number;
}

export interface AlertRuleRecord {
  id: string;
  rule: AlertRule;
  createdAt: number;
  updatedAt: number;
}

/** One notification of one channel: what was sent, and how it went. */
export interface AlertDeliveryRecord {
  level: number;
  /** Which of the level's channels (its label alone may not tell two apart). */
  channelIndex: number;
  event: 'opened' | 'escalated' | 'resolved';
  channel: string;
  at: number;
  ok: boolean;
  /** What the channel answered: an HTTP status, a run id, an SMTP reply; or why it failed. */
  detail: string;
  tries: number;
}

export interface AlertRecord {
  id: string;
  ruleId: string;
  /** What the alert is about (an integration, a credential, a workflow): one open alert per rule and subject. */
  subject: string;
  status: AlertStatus;
  /** The escalation level notified last (0: the first). */
  level: number;
  openedAt: number;
  lastSeenAt: number;
  occurrences: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  context: Json;
  deliveries: AlertDeliveryRecord[];
}

/** The scheduled time (epoch ms) a workflow's schedule trigger fired last. */
export interface ScheduleFireRecord {
  workflowId: string;
  nodeId: string;
  lastFiredAt: number;
}
