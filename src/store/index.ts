import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from './types.js';
import { SqliteStore } from './sqlite/sqliteStore.js';
import { PgStore } from './postgres/pgStore.js';
import { Keyring } from './keyring.js';
import { loadMasterKey, type MasterKeySource } from './masterKey.js';

export type { Store } from './types.js';
export { Keyring } from './keyring.js';

export interface OpenedStore {
  store: Store;
  keyring: Keyring;
  masterKey: MasterKeySource;
  /** True when this call created the database. */
  created: boolean;
}

/**
 * Opens the store: the SQLite database in the data directory, or the PostgreSQL database at `databaseUrl` (also
 * `LOGSEAL_DATABASE_URL`). The master key stays outside the database either way: `LOGSEAL_MASTER_KEY`, else
 * `<dataDir>/master.key`; every instance on one PostgreSQL database needs the same one.
 */
export async function openDataDir(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  databaseUrl?: string,
  /** `sharedFile`: other processes serve the same SQLite file (`logseal serve --workers N`). */
  opts: { sharedFile?: boolean } = {},
): Promise<OpenedStore> {
  const url = databaseUrl ?? (env.LOGSEAL_DATABASE_URL || undefined);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (url !== undefined) return openPostgres(url, dataDir, env);
  const dbPath = join(dataDir, 'logseal.db');
  const existed = existsSync(dbPath);
  restrictModes(dataDir, dbPath);
  const masterKey = loadMasterKey(dataDir, env, existed);
  const store = new SqliteStore(dbPath, { shared: opts.sharedFile });
  try {
    const keyring = await Keyring.open(store.meta, masterKey.key);
    return { store, keyring, masterKey, created: !existed };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * The data directory is the owner's alone: the directory 0700 and every file in it 0600 (files of older versions
 * included). The database is created 0600 before SQLite opens it, and SQLite gives its -wal and -shm files the
 * database file's mode, whatever the umask.
 */
function restrictModes(dataDir: string, dbPath: string): void {
  chmodSync(dataDir, 0o700);
  if (!existsSync(dbPath)) closeSync(openSync(dbPath, 'a', 0o600));
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (lstatSync(path).isFile()) chmodSync(path, 0o600);
  }
}

async function openPostgres(url: string, dataDir: string, env: NodeJS.ProcessEnv): Promise<OpenedStore> {
  const store = await PgStore.open(url);
  try {
    const existed = (await store.meta.get('keyring')) !== undefined;
    const masterKey = loadMasterKey(dataDir, env, existed, 'the PostgreSQL database');
    const keyring = await Keyring.open(store.meta, masterKey.key, Date.now(), `the PostgreSQL database ${redactUrl(url)}`);
    return { store, keyring, masterKey, created: !existed };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
