import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules that load code for `entry`, transitively: `import type` and dynamic `import()` are not followed. */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(srcDir, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s([^'"]*?)from\s+'([^']+)'/gm)) {
      const [, what, spec] = match as unknown as [string, string, string];
      if (/^type\s/.test(what)) continue;
      if (!spec.startsWith('.')) packages.add(spec);
      else if (!spec.endsWith('.json')) {
        const base = resolve(dirname(file), spec);
        const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => existsSync(f));
        if (found === undefined) throw new Error(`cannot resolve ${spec} from ${file}`);
        queue.push(found);
      }
    }
  }
  return { files, packages };
}

describe('the first bundle', () => {
  it('loads no zod, ajv or JSONata: the checks come on demand (loadChecks.ts)', () => {
    const { files, packages } = staticImports('main.tsx');
    expect(files.has(resolve(srcDir, 'store/editorStore.ts'))).toBe(true);
    expect([...packages].filter((p) => /^(@switchyard\/(schema|expressions|nodes)$|@switchyard\/nodes\/definitions|zod|ajv|jsonata|elkjs)/.test(p))).toEqual([]);
    expect([...files].filter((f) => f.startsWith(resolve(srcDir, 'checks')) && !f.endsWith('loadChecks.ts'))).toEqual([]);
  });
});
