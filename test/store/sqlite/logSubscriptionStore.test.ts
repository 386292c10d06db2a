import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/store/sqlite/sqliteStore.js';
import { logSubscriptionStoreSuite } from '../logSubscriptionStore.suite.js';

logSubscriptionStoreSuite('SqliteStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-logsubscriptionstore-'));
  const store = new SqliteStore(join(dir, 'logseal.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
