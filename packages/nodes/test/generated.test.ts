import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_TYPE_FOLDERS } from '../src/node-types.js';
import { readmePath, renderNodeTable, withNodeTable } from '../scripts/node-table.js';
import { renderLists } from '../scripts/node-type-lists.js';

const fix = 'run `pnpm --filter @switchyard/nodes generate`';

describe('what `generate` writes', () => {
  it(`is up to date in src/generated/ (else ${fix})`, () => {
    for (const file of renderLists(NODE_TYPE_FOLDERS)) expect(readFileSync(file.path, 'utf8'), file.path).toBe(file.text);
  });

  it(`is up to date in the README's node table (else ${fix})`, async () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readme).toBe(withNodeTable(readme, await renderNodeTable()));
  });
});
