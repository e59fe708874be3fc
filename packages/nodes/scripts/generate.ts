/** Writes src/generated/ and the README's node table from src/node-types.ts and each type's info. */
import { readFileSync, writeFileSync } from 'node:fs';
import { NODE_TYPE_FOLDERS } from '../src/node-types.js';
import { renderLists } from './node-type-lists.js';

for (const file of renderLists(NODE_TYPE_FOLDERS)) writeFileSync(file.path, file.text);

// Loaded only now: the catalog and the registry import the lists just written.
const { readmePath, renderNodeTable, withNodeTable } = await import('./node-table.js');
writeFileSync(readmePath, withNodeTable(readFileSync(readmePath, 'utf8'), await renderNodeTable()));
