/**
 * The node types as the editor shows them (title, group, outputs, capabilities, card summary,
 * starter params) and the docs describe them, without their params schemas: no zod, so a page
 * can draw a workflow before the validator loads. Each type's definition (definitions.ts) is its
 * info here plus its params schema.
 */
import { nodeTypeInfos } from './generated/infos.js';
import type { NodeCatalog } from './shared/catalog-entry.js';

/** Every node type, keyed by type, in palette order (as `nodeDefinitions`). */
export const nodeCatalog: NodeCatalog = new Map(nodeTypeInfos.map((info) => [info.type, info]));

export type { DraftParams, NodeCatalog, NodeCatalogEntry, NodeTypeDocs } from './shared/catalog-entry.js';
export { BRANCH_OUTPUTS } from './branch/info.js';
