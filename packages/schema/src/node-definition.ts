import type { z } from 'zod';

/** When a join runs: after all its incoming edges are resolved, or at the first live one. */
export type JoinMode = 'all' | 'first';

/** Path inside a node's params, e.g. ['expect', 'schema']. */
export type ParamPath = ReadonlyArray<string | number>;

/**
 * What the editor shows of a node type (palette, cards, handles) without its params schema:
 * plain data and functions, so it loads without zod.
 */
export interface NodeTypeInfo {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly group: 'trigger' | 'integration' | 'logic';
  /**
   * The branch outputs (`next` edge handles) this node declares for these params, or `null`
   * when it has only the main output and a `handle` is forbidden.
   */
  outputs(params: unknown): readonly string[] | null;
  /**
   * When a node with several incoming `next` edges runs: `"all"` (the default) once every edge
   * is resolved and one is live, `"first"` as soon as one is live (a `merge` in mode `first`).
   */
  joinMode?(params: unknown): JoinMode;
  /** A node type that cannot fail may not carry a retry edge. */
  readonly canFail: boolean;
  /** Triggers start runs; exactly one per workflow. Their params are not templates. */
  readonly isTrigger: boolean;
  /** A type the build does not implement yet: the validator rejects it as "not supported yet". */
  readonly notSupportedYet?: string;
  /** Params that are not templates (JSON Schemas such as `expect.schema`). */
  isTemplateExempt?(path: ParamPath): boolean;
}

export type NodeTypeInfos = ReadonlyMap<string, NodeTypeInfo>;

/**
 * What the validator, the editor and the engine know about a node type without running it:
 * its info and its params schema. Browser-safe: no executor here (the engine's NodeExecutor
 * port holds that).
 */
export interface NodeDefinition extends NodeTypeInfo {
  /** Validates the params as authored (typed params may also be templates). */
  readonly params: z.ZodType;
}

export type NodeDefinitions = ReadonlyMap<string, NodeDefinition>;
