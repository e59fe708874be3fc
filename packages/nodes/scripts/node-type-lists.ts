/**
 * The three lists of src/generated/, written from the one registration (src/node-types.ts):
 * each entry point loads only its own layer of every type, so the catalog stays free of zod and
 * the definitions free of executors, yet a new type is registered once.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const GENERATED_NOTE = '// Written by `pnpm --filter @switchyard/nodes generate` from src/node-types.ts: do not edit.';

/** `trigger-webhook` → `triggerWebhook`: the prefix of the names a type's modules export. */
export function exportPrefix(folder: string): string {
  return folder.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** The folder of a type: `http.request` → `http-request`. */
export function folderOf(type: string): string {
  return type.replaceAll('.', '-');
}

interface Layer {
  readonly file: string;
  /** The module of each folder this layer takes, and the suffix of the name it exports. */
  readonly module: string;
  readonly suffix: string;
  readonly list: string;
  readonly type: string;
  readonly typeFrom: string;
  readonly doc: string;
}

const LAYERS: readonly Layer[] = [
  {
    file: 'infos.ts',
    module: 'info',
    suffix: 'Info',
    list: 'nodeTypeInfos',
    type: 'NodeCatalogEntry',
    typeFrom: '../shared/catalog-entry.js',
    doc: "Each type's info: what the catalog loads (no zod).",
  },
  {
    file: 'definitions.ts',
    module: 'definition',
    suffix: 'Definition',
    list: 'nodeTypeDefinitions',
    type: 'NodeDefinition',
    typeFrom: '@switchyard/schema',
    doc: "Each type's definition (its info and params schema): browser-safe, no executor.",
  },
  {
    file: 'executors.ts',
    module: 'execute',
    suffix: 'Executor',
    list: 'nodeTypeExecutors',
    type: 'ExecutorSource',
    typeFrom: '../shared/executor-source.js',
    doc: "Each type's executor, or how the registry makes it.",
  },
];

export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

function renderLayer(layer: Layer, folders: readonly string[]): string {
  const names = folders.map((folder) => `${exportPrefix(folder)}${layer.suffix}`);
  return [
    GENERATED_NOTE,
    `import type { ${layer.type} } from '${layer.typeFrom}';`,
    ...folders.map((folder, i) => `import { ${names[i]} } from '../${folder}/${layer.module}.js';`),
    '',
    `/** ${layer.doc} In palette order. */`,
    `export const ${layer.list}: readonly ${layer.type}[] = [`,
    ...names.map((name) => `  ${name},`),
    '];',
    '',
  ].join('\n');
}

/** The files of src/generated/ for these folders (in palette order). */
export function renderLists(folders: readonly string[]): GeneratedFile[] {
  return LAYERS.map((layer) => ({ path: resolve(packageDir, 'src/generated', layer.file), text: renderLayer(layer, folders) }));
}
