import { nodeCatalog } from '@switchyard/nodes/catalog';

/**
 * Params a new node starts with: its type's starter params (declared in the type's catalog
 * entry), copied so that editing the node never edits the catalog.
 */
export function defaultParamsFor(type: string): Record<string, unknown> | undefined {
  const starter = nodeCatalog.get(type)?.starterParams;
  return starter === undefined ? undefined : structuredClone(starter);
}
