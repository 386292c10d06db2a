import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AccountStore, AnomalyStore, ChangeFeed, Coordination, IamStore, InsightsStore, KmsStore, LogPolicyStore, LogResourcePolicyStore, LogStore, MetaStore, Store } from '../types.js';
import { Mutex } from '../mutex.js';
import { migrations } from './migrations.js';
import { SqliteAccountStore } from './accountStore.js';
import { SqliteMetaStore } from './metaStore.js';
import { SqliteKmsStore } from './kmsStore.js';
import { SqliteLogStore } from './logStore.js';
import { SqliteIamStore } from './iamStore.js';
import { SqliteAnomalyStore } from './anomalyStore.js';
import { SqlInsightsStore } from '../sql/insightsStore.js';
import { SqliteSqlDriver } from './sqlDriver.js';
import { SqlLogPolicyStore } from '../sql/logPolicyStore.js';
import { SqlLogResourcePolicyStore } from '../sql/logResourcePolicyStore.js';
import { SqlKinesisStore } from '../sql/kinesisStore.js';
import { SqlLogSubscriptionStore } from '../sql/logSubscriptionStore.js';
import type { KinesisStore } from '../../kinesis/model.js';
import type { LogSubscriptionStore } from '../../logs/subscriptions/model.js';
import { SqliteChangeEpoch, SqliteLease } from './shared.js';

type Db = Database.Database;

/**
 * SQLite adapter. One writer connection and one reader connection on the same WAL database file: reads outside a
 * transaction never see another request's uncommitted writes, and never wait for them.
 *
 * better-sqlite3 is synchronous, but a request's transaction may await between statements (for example while KMS
 * work runs), so write transactions are serialised by a FIFO mutex; the AsyncLocalStorage tells area methods whether
 * they run inside the caller's transaction.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly accounts: AccountStore;
  readonly meta: MetaStore;
  readonly kms: KmsStore;
  readonly logs: LogStore;
  readonly anomaly: AnomalyStore;
  readonly insights: InsightsStore;
  readonly logPolicies: LogPolicyStore;
  readonly logResourcePolicies: LogResourcePolicyStore;
  readonly kinesis: KinesisStore;
  readonly logSubscriptions: LogSubscriptionStore;
  readonly iam: IamStore;
  /** Set when several processes serve the file: they drop cached copies when the change counter moves. */
  readonly changes?: ChangeFeed;
  /** One process serves a SQLite file: it always runs the scheduled jobs; several elect one with a lease row. */
  readonly coordination: Coordination = {
    lead: async () => true,
    isLeader: () => true,
    resign: async () => {},
    health: async () => {
      try {
        this.reader.prepare('SELECT 1').get();
        return { ok: true, kind: 'sqlite', leader: true };
      } catch (err) {
        return { ok: false, kind: 'sqlite', leader: true, detail: err instanceof Error ? err.message : String(err) };
      }
    },
  };
  private readonly writer: Db;
  private readonly reader: Db;
  private readonly mutex = new Mutex();
  private readonly tx = new AsyncLocalStorage<SqliteStore>();
  private txOpen = false;
  private closed = false;
  private readonly statements = new Map<Db, Map<string, Database.Statement>>();

  constructor(
    readonly path: string,
    /** `shared`: other processes serve the same file (`logseal serve --workers N`, ADR 0022). */
    opts: { shared?: boolean } = {},
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.writer = new Database(path);
    configure(this.writer);
    migrate(this.writer);
    this.reader = new Database(path);
    configure(this.reader);
    this.accounts = new SqliteAccountStore(this);
    this.meta = new SqliteMetaStore(this);
    this.kms = new SqliteKmsStore(this);
    this.logs = new SqliteLogStore(this);
    this.anomaly = new SqliteAnomalyStore(this);
    // Logs Insights and log policies are no hot path: the SQL stores written once for both adapters serve SQLite too.
    const sql = new SqliteSqlDriver(this, opts.shared === true);
    this.insights = new SqlInsightsStore(sql);
    this.logPolicies = new SqlLogPolicyStore(sql);
    this.logResourcePolicies = new SqlLogResourcePolicyStore(sql);
    this.kinesis = new SqlKinesisStore(sql);
    this.logSubscriptions = new SqlLogSubscriptionStore(sql);
    this.iam = new SqliteIamStore(this);
    if (opts.shared) {
      this.coordination = new SqliteLease(this);
      this.changes = new SqliteChangeEpoch(() => this.readStmt('SELECT n AS change_epoch FROM change_epoch WHERE id = 1').pluck().get() as number);
    }
  }

  /** A cached prepared statement on the connection that a read should use now. */
  readStmt(sql: string): Database.Statement {
    return this.prepare(this.inTx() ? this.writer : this.reader, sql);
  }

  /** Runs a synchronous write: inside the current transaction, or in a transaction of its own. */
  async write<T>(fn: (prepare: (sql: string) => Database.Statement) => T): Promise<T> {
    const prep = (sql: string) => this.prepare(this.writer, sql);
    if (this.inTx()) return fn(prep);
    if (!this.txOpen) return this.writer.transaction(() => fn(prep)).immediate();
    const release = await this.mutex.lock();
    try {
      return this.writer.transaction(() => fn(prep)).immediate();
    } finally {
      release();
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTx()) return fn(); // nested: join the outer transaction
    this.assertOpen();
    const release = await this.mutex.lock();
    this.txOpen = true;
    try {
      this.writer.exec('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await this.tx.run(this, fn);
      } catch (err) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw err;
      }
      this.writer.exec('COMMIT');
      return result;
    } finally {
      this.txOpen = false;
      // With an AsyncLocalStorage enabled, node runs an async_hooks callback for every promise and async resource
      // of the process, read-only requests included. It is needed only while a transaction is open (the mutex
      // allows one at a time), and `run` enables it again for the next one.
      this.tx.disable();
      release();
    }
  }

  async scrub(): Promise<void> {
    const release = await this.mutex.lock();
    try {
      if (this.closed) return;
      // secure_delete (see configure) zeroes deleted content in the pages it rewrites; the older copies of those
      // pages still sit in the WAL until it is checkpointed into the database file and truncated.
      this.writer.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for a running transaction to finish before closing.
    const release = await this.mutex.lock();
    try {
      this.closed = true;
      this.reader.close();
      this.writer.close();
    } finally {
      release();
    }
  }

  /** Whether the caller runs inside this store's transaction. */
  inTransaction(): boolean {
    return this.inTx();
  }

  private inTx(): boolean {
    return this.tx.getStore() === this;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }

  private prepare(db: Db, sql: string): Database.Statement {
    let cache = this.statements.get(db);
    if (!cache) {
      cache = new Map();
      this.statements.set(db, cache);
    }
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before the request is acknowledged, so acknowledged data survives power loss too.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros rather than left in free pages: deleted key material must be gone.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    }).immediate();
  }
}
