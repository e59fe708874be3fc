import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { ServerStore } from '../src/ports/index.js';
import { describeAccessStoreContract } from './contracts/access-store-contract.js';
import { describeAlertStoreContract } from './contracts/alert-store-contract.js';
import { describeCredentialStoreContract } from './contracts/credential-store-contract.js';
import type { PortHarness } from './contracts/harness.js';
import { describeScheduleStoreContract } from './contracts/schedule-store-contract.js';
import { describeStoreHealthContract } from './contracts/store-health-contract.js';
import { describeWorkflowStoreContract } from './contracts/workflow-store-contract.js';

// Each of the server's storage ports, against every adapter the composition roots can open.
async function sqlite(): Promise<PortHarness<ServerStore>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-ports-'));
  const store = openSqliteStore({ path: path.join(dir, 'switchyard.db'), checkpoints: 'inline' });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeAccessStoreContract('sqlite', sqlite);
describeCredentialStoreContract('sqlite', sqlite);
describeAlertStoreContract('sqlite', sqlite);
describeScheduleStoreContract('sqlite', sqlite);
describeWorkflowStoreContract('sqlite', sqlite);
describeStoreHealthContract('sqlite', sqlite);
