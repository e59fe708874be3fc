import { describeStoreContract } from '@switchyard/testkit';
import { tempDb } from './support/temp-db.js';

describeStoreContract('sqlite', async () => {
  const db = tempDb();
  return { store: db.open(), reopen: async () => db.open(), cleanup: db.cleanup };
});

describeStoreContract('sqlite, synchronous FULL', async () => {
  const db = tempDb();
  return { store: db.open({ synchronous: 'FULL' }), reopen: async () => db.open({ synchronous: 'FULL' }), cleanup: db.cleanup };
});
