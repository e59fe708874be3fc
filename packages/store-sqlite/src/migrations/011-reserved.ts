import type { Migration } from './migration.js';

/** Version 11 belongs to another schema change; versions have no gaps, so it stands here empty until that one replaces it. */
export const reserved11: Migration = {
  version: 11,
  name: 'reserved',
  sql: '',
};
