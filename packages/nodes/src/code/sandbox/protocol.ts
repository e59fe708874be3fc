import type { Json } from '@switchyard/schema';

/** The limits one execution runs under; the pool's settings, never the workflow's code. */
export interface SandboxLimits {
  /** QuickJS heap limit (the VM fails with "out of memory" past it). */
  memoryBytes: number;
  /** QuickJS stack limit (deep recursion fails with "stack overflow"). */
  stackBytes: number;
  /** The returned value as JSON text, at most this many bytes. */
  outputBytes: number;
  /** console lines kept, at most this many bytes together (further lines are counted, not kept). */
  logBytes: number;
}

/** What the code sees: plain JSON only, copied into the VM (no host object crosses). */
export interface SandboxScope {
  input: Json | null;
  nodes: Record<string, Json>;
  trigger: Json;
  run: Json;
}

/** A job sent to a worker. `interrupt` is shared: the host sets it when the time limit passes. */
export interface SandboxJob {
  code: string;
  scope: SandboxScope;
  limits: SandboxLimits;
  interrupt: SharedArrayBuffer;
}

export interface SandboxLogs {
  lines: string[];
  /** Lines written but not kept because the log cap was reached. */
  dropped: number;
}

/** Why an execution produced no value, by who is to blame (classified into categories in ../classify.ts). */
export type SandboxErrorKind =
  /** The author's code threw, or did not compile. */
  | 'threw'
  | 'interrupted'
  | 'out_of_memory'
  | 'stack_overflow'
  | 'not_json'
  | 'output_too_large'
  /** The code's promise never settled (nothing in the sandbox can settle it later). */
  | 'never_settled';

export type SandboxOutcome =
  | { ok: true; output: Json; logs: SandboxLogs }
  | { ok: false; kind: SandboxErrorKind; message: string; line?: number; logs: SandboxLogs };

/** A worker's answer to one job (after `{ started: true }`, sent as the VM starts). `recycle`: the VM could not be torn down cleanly; replace the worker. */
export type WorkerMessage = { started: true } | WorkerReply;

export interface WorkerReply {
  started: false;
  outcome: SandboxOutcome;
  recycle: boolean;
}

/** Index of the interrupt flag in the job's shared Int32Array. */
export const INTERRUPT_FLAG = 0;
