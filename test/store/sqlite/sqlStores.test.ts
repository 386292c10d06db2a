import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/store/sqlite/sqliteStore.js';
import { SqliteSqlDriver } from '../../../src/store/sqlite/sqlDriver.js';
import { SqlAccountStore, SqlMetaStore } from '../../../src/store/sql/accountStore.js';
import { SqlKmsStore } from '../../../src/store/sql/kmsStore.js';
import { SqlIamStore } from '../../../src/store/sql/iamStore.js';
import { SqlAnomalyStore } from '../../../src/store/sql/anomalyStore.js';
import { SqlInsightsStore } from '../../../src/store/sql/insightsStore.js';
import { SqlLogPolicyStore } from '../../../src/store/sql/logPolicyStore.js';
import { SqlLogResourcePolicyStore } from '../../../src/store/sql/logResourcePolicyStore.js';
import { SqlKinesisStore } from '../../../src/store/sql/kinesisStore.js';
import { SqlLogSubscriptionStore } from '../../../src/store/sql/logSubscriptionStore.js';
import type { Store } from '../../../src/store/types.js';
import { accountStoreSuite } from '../accountStore.suite.js';
import { kmsStoreSuite } from '../kmsStore.suite.js';
import { iamStoreSuite } from '../iamStore.suite.js';
import { anomalyStoreSuite } from '../anomalyStore.suite.js';

/**
 * The SQL stores PostgreSQL uses, run on SQLite through `SqliteSqlDriver` and SQLite's own schema: a store written
 * once in `src/store/sql/` serves both adapters. (The log store keeps chunk bodies in a table of their own, which
 * SQLite's schema does not have; SQLite uses its own log store.)
 */
async function open(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-sqlstores-'));
  const sqlite = new SqliteStore(join(dir, 'logseal.db'));
  const d = new SqliteSqlDriver(sqlite);
  const store: Store = {
    kind: 'sqlite',
    coordination: sqlite.coordination,
    accounts: new SqlAccountStore(d),
    meta: new SqlMetaStore(d),
    kms: new SqlKmsStore(d),
    iam: new SqlIamStore(d),
    anomaly: new SqlAnomalyStore(d),
    insights: new SqlInsightsStore(d),
    logPolicies: new SqlLogPolicyStore(d),
    logResourcePolicies: new SqlLogResourcePolicyStore(d),
    kinesis: new SqlKinesisStore(d),
    logSubscriptions: new SqlLogSubscriptionStore(d),
    logs: sqlite.logs,
    transaction: (fn) => sqlite.transaction(fn),
    scrub: () => sqlite.scrub(),
    close: () => sqlite.close(),
  };
  return {
    store,
    async cleanup() {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

accountStoreSuite('SQL stores on SQLite', open);
kmsStoreSuite('SQL stores on SQLite', open);
iamStoreSuite('SQL stores on SQLite', open);
anomalyStoreSuite('SQL stores on SQLite', open);
