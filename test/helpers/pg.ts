/**
 * PostgreSQL for tests. `scripts/run-tests.js` starts one throw-away cluster per test run (see pgCluster.ts) and
 * passes its URL in LOGSEAL_TEST_PG_URL; each test file makes databases of its own in it. Without PostgreSQL
 * installed, the PostgreSQL tests are skipped (CI installs it).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../../src/store/postgres/pgStore.js';
import type { Store } from '../../src/store/types.js';

export const pgUrl: string | undefined = process.env.LOGSEAL_TEST_PG_URL || undefined;
/** `skip` option for tests that need PostgreSQL. */
export const needsPg: string | false = pgUrl ? false : 'PostgreSQL is not available (LOGSEAL_TEST_PG_URL unset)';

/** Creates an empty database in the test cluster; returns its URL. */
export async function createDatabase(prefix = 'logseal'): Promise<string> {
  if (!pgUrl) throw new Error('LOGSEAL_TEST_PG_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  if (!pgUrl) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * An `open` for the shared store suites: one database per test file, emptied before each test (tests of a file run
 * one after the other).
 */
export function pgSuiteOpener(prefix: string): () => Promise<{ store: Store; cleanup(): Promise<void> }> {
  let url: Promise<string> | undefined;
  return async () => {
    url ??= createDatabase(prefix);
    const store = await PgStore.open(await url);
    const tables = (
      await store.driver.all<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'")
    ).map((r) => r.tablename);
    await store.driver.exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    return { store, cleanup: () => store.close() };
  };
}
