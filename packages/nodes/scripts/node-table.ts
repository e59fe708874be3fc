/** The README's node table, written from the catalog (each type's `docs`) and the registry (`pure`). */
import { resolve } from 'node:path';
import { nodeCatalog } from '../src/catalog.js';
import { createNodeRegistry } from '../src/registry.js';
import { folderOf, packageDir } from './node-type-lists.js';

export const readmePath = resolve(packageDir, 'README.md');

const START = '<!-- node-types: written by `pnpm --filter @switchyard/nodes generate` from each type\'s info.ts -->';
const END = '<!-- /node-types -->';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** The table, one row per type in palette order. */
export async function renderNodeTable(): Promise<string> {
  const registry = createNodeRegistry();
  try {
    const rows = [...nodeCatalog.values()].map((entry) => {
      const pure = registry.get(entry.type)?.pure ?? false;
      const cells = [`\`${entry.type}\``, `\`${folderOf(entry.type)}/\``, entry.docs.params, entry.docs.output, yesNo(entry.canFail), yesNo(pure), entry.docs.retrySafe];
      return `| ${cells.join(' | ')} |`;
    });
    return ['| type | folder | params (authored) | output | canFail | pure | retrySafe |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  } finally {
    await registry.close();
  }
}

/** The README with its node table replaced by `table`. */
export function withNodeTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no node table between ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}
