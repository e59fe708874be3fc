import type { Json, NodeTypeInfo } from '@switchyard/schema';

/** A node's params as the editor holds them: authored, not validated yet. */
export type DraftParams = Readonly<Record<string, unknown>>;

/** A node type's row in the README's node table (`pnpm --filter @switchyard/nodes generate` writes it). */
export interface NodeTypeDocs {
  /** The params as authored, e.g. `` `cron` (5 or 6 fields), `timezone` ``. */
  readonly params: string;
  /** What a successful attempt outputs. */
  readonly output: string;
  /** When a retry may repeat an attempt: `yes`, or the condition. */
  readonly retrySafe: string;
}

/**
 * Everything the editor and the docs need of a node type, declared in its `info.ts`: no zod,
 * so the editor draws a workflow before the validator loads. Each type's definition is this
 * plus its params schema.
 */
export interface NodeCatalogEntry extends NodeTypeInfo {
  /** One line of what the node does, on its canvas card: `POST /charges`, `wait 1s`. */
  summary(params: DraftParams): string;
  /** Params a new node starts with: the smallest set its schema accepts, a working example instead of a wall of red. */
  readonly starterParams: Readonly<Record<string, Json>>;
  /** The integration a node counts under when it names none (`http.request`: `host:<hostname>`). */
  implicitIntegration?(params: DraftParams): string | undefined;
  readonly docs: NodeTypeDocs;
}

export type NodeCatalog = ReadonlyMap<string, NodeCatalogEntry>;
