import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../src/catalog.js';
import { nodeDefinitions } from '../src/definitions.js';
import { createNodeRegistry } from '../src/index.js';
import { NODE_TYPE_FOLDERS } from '../src/node-types.js';
import { folderOf } from '../scripts/node-type-lists.js';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/**
 * Every module `entry` imports, transitively, within src (relative imports only). `values`: only
 * imports that load code (not `import type`). A statement ends at its `;`, so an `export const` is not read as a re-export.
 */
function importGraph(entry: string, values = false): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const queue = [resolve(srcDir, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(?:import|export)\s([^'";]*?)from\s+'([^']+)'/gm)) {
      if (values && /^type\s/.test(match[1] as string)) continue;
      const spec = match[2] as string;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else external.add(spec);
    }
  }
  return { files, external };
}

describe('the browser-safe definitions entry', () => {
  it('imports no node: module, no undici and no executor', () => {
    const { files, external } = importGraph('definitions.ts');
    expect([...external].sort()).toEqual(['@switchyard/expressions', '@switchyard/schema', '@switchyard/schema/durations', 'ajv', 'croner']);
    const relative = [...files].map((f) => f.slice(srcDir.length + 1));
    expect(relative.filter((f) => /execute|client|guard|registry/.test(f))).toEqual([]);
  });

  it('uses no Node global either', () => {
    const { files } = importGraph('definitions.ts');
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/\b(Buffer|process)\./);
  });

  it('holds every registered type, in the order of the registration, each from its own folder', () => {
    expect([...nodeDefinitions.keys()].map(folderOf)).toEqual(NODE_TYPE_FOLDERS);
    for (const [type, definition] of nodeDefinitions) {
      expect(definition.type).toBe(type);
      expect(definition.canFail).toBe(!definition.isTrigger);
      expect(definition.group === 'trigger').toBe(definition.isTrigger);
    }
  });
});

describe('the catalog entry', () => {
  it('loads no zod and no ajv, only the infos and zod-free helpers: the editor draws with it before the validator loads', () => {
    const { files, external } = importGraph('catalog.ts', true);
    expect([...external]).toEqual(['@switchyard/schema/durations']);
    const loaded = [...files].map((f) => f.slice(srcDir.length + 1));
    const infoOnly = (f: string): boolean => ['catalog.ts', 'generated/infos.ts', 'shared/card-text.ts'].includes(f) || f.endsWith('/info.ts');
    expect(loaded.filter((f) => !infoOnly(f))).toEqual([]);
  });

  it('gives every type a card summary, starter params its schema accepts, and a docs row', () => {
    for (const [type, entry] of nodeCatalog) {
      expect(entry.summary(entry.starterParams)).toEqual(expect.any(String));
      expect(entry.summary({})).toEqual(expect.any(String));
      expect(nodeDefinitions.get(type)?.params.safeParse(entry.starterParams).success).toBe(true);
      const written = expect.stringMatching(/\S/);
      expect(entry.docs).toEqual({ params: written, output: written, retrySafe: written });
    }
  });

  it('holds, in the same order, each definition without its params schema', () => {
    expect([...nodeCatalog.keys()]).toEqual([...nodeDefinitions.keys()]);
    for (const [type, definition] of nodeDefinitions) {
      const { params, ...info } = definition;
      expect(params).toBeDefined();
      expect(nodeCatalog.get(type)).toEqual(info);
    }
  });
});

describe('createNodeRegistry', () => {
  it('has an executor for every supported type, pure except the integrations (http.request, sql, email.send) and code, and shares the definitions', async () => {
    const registry = createNodeRegistry();
    try {
      expect(registry.definitions()).toBe(nodeDefinitions);
      for (const [type, definition] of nodeDefinitions) {
        const executor = registry.get(type);
        if (definition.notSupportedYet !== undefined) {
          expect(executor).toBeUndefined();
          continue;
        }
        expect(executor?.definition).toBe(definition);
        expect(executor?.pure).toBe(!['http.request', 'sql', 'email.send', 'code'].includes(type));
      }
      expect(registry.get('no.such.type')).toBeUndefined();
    } finally {
      await registry.close();
    }
  });
});
