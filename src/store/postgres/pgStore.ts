import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { AccountStore, AnomalyStore, Coordination, IamStore, InsightsStore, KmsStore, LogPolicyStore, LogResourcePolicyStore, LogStore, MetaStore, Store, StoreHealth, TransactionOptions } from '../types.js';
import { StoreUnavailableError } from '../errors.js';
import { postgresDialect, type SqlDriver } from '../sql/driver.js';
import { SqlAccountStore, SqlMetaStore } from '../sql/accountStore.js';
import { SqlKmsStore } from '../sql/kmsStore.js';
import { SqlIamStore } from '../sql/iamStore.js';
import { SqlAnomalyStore } from '../sql/anomalyStore.js';
import { SqlInsightsStore } from '../sql/insightsStore.js';
import { SqlLogPolicyStore } from '../sql/logPolicyStore.js';
import { SqlLogResourcePolicyStore } from '../sql/logResourcePolicyStore.js';
import { SqlKinesisStore } from '../sql/kinesisStore.js';
import { SqlLogSubscriptionStore } from '../sql/logSubscriptionStore.js';
import type { KinesisStore } from '../../kinesis/model.js';
import type { LogSubscriptionStore } from '../../logs/subscriptions/model.js';
import { SqlChunkBodies, SqlLogStore } from '../sql/logStore.js';
import { pgMigrations } from './migrations.js';

/** Advisory lock keys (two int4): "logs" in ASCII, then what the lock guards. */
const LOCK_SPACE = 0x6c6f6773;
const MIGRATION_LOCK = 1;
const LEADER_LOCK = 2;

/** A transaction that lost a serialization race or a deadlock is run again, up to this many times in all. */
const MAX_ATTEMPTS = 12;

/** BIGINT and NUMERIC (COUNT, SUM) are read as JS numbers: every integer the stores keep fits in 2^53. */
const numberParser = (value: string): number => Number(value);
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return numberParser;
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
};

export interface PgStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before answering 503 (ms, default 3000). */
  connectTimeoutMs?: number;
  /** Longest a statement may run before it is abandoned (ms, default 30000). */
  statementTimeoutMs?: number;
}

/**
 * PostgreSQL adapter: the SQL stores of `src/store/sql/` over a `pg` pool. Any number of instances may share the
 * database. Request transactions are SERIALIZABLE (retried when PostgreSQL picks them as the loser of a race), so
 * instances behave as SQLite's single writer does; the chunk writer uses READ COMMITTED with row locks taken in a
 * fixed order (see SqlLogStore). Losing the database makes calls fail fast with StoreUnavailableError (503); the pool
 * reconnects by itself when it is back.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly accounts: AccountStore;
  readonly meta: MetaStore;
  readonly kms: KmsStore;
  readonly logs: LogStore;
  readonly anomaly: AnomalyStore;
  readonly iam: IamStore;
  readonly insights: InsightsStore;
  readonly logPolicies: LogPolicyStore;
  readonly logResourcePolicies: LogResourcePolicyStore;
  readonly kinesis: KinesisStore;
  readonly logSubscriptions: LogSubscriptionStore;
  readonly coordination: PgCoordination;
  readonly driver: SqlDriver;
  private readonly pool: pg.Pool;
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();
  private closed = false;

  private constructor(
    private readonly config: pg.PoolConfig,
    opts: PgStoreOptions,
  ) {
    this.pool = new pg.Pool({ ...config, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, admin shutdown) is removed from the pool; not a crash.
    this.pool.on('error', () => {});
    // Nor is one dropped while checked out between two statements of a transaction: its next query fails (and is
    // answered 503), and the pool discards it on release. Without a listener the 'error' event would kill the process.
    this.pool.on('connect', (client) => client.on('error', () => {}));
    this.driver = new PgDriver(this.pool, this.tx, (fn) => this.transaction(fn));
    this.accounts = new SqlAccountStore(this.driver);
    this.meta = new SqlMetaStore(this.driver) as MetaStore;
    this.kms = new SqlKmsStore(this.driver);
    this.logs = new SqlLogStore(this.driver, new SqlChunkBodies(this.driver));
    this.anomaly = new SqlAnomalyStore(this.driver);
    this.iam = new SqlIamStore(this.driver);
    this.insights = new SqlInsightsStore(this.driver);
    this.logPolicies = new SqlLogPolicyStore(this.driver);
    this.logResourcePolicies = new SqlLogResourcePolicyStore(this.driver);
    this.kinesis = new SqlKinesisStore(this.driver);
    this.logSubscriptions = new SqlLogSubscriptionStore(this.driver);
    this.coordination = new PgCoordination(config, this.pool);
  }

  /** Connects, and brings the schema up to date (once, under an advisory lock, when several instances start). */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgStore> {
    const config: pg.PoolConfig = {
      connectionString: url,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
      statement_timeout: opts.statementTimeoutMs ?? 30_000,
      query_timeout: (opts.statementTimeoutMs ?? 30_000) + 5000,
      keepAlive: true,
      application_name: 'logseal',
      types: typeParsers as pg.CustomTypesConfig,
    };
    const store = new PgStore(config, opts);
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw translate(err);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
        const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        for (const m of pgMigrations) {
          if (applied.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK');
            throw err;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async transaction<T>(fn: () => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    if (this.tx.getStore() !== undefined) return fn(); // nested: join the outer transaction
    if (this.closed) throw new Error('store is closed');
    const isolation = opts.isolation === 'read-committed' ? 'READ COMMITTED' : 'SERIALIZABLE';
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw translate(err);
      }
      let broken: Error | undefined;
      let failure: unknown;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const result = await this.tx.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        failure = err;
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
        }
      } finally {
        // A connection that could not roll back is discarded rather than returned to the pool.
        client.release(broken);
      }
      if (isRetryable(failure) && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt * attempt)));
        continue;
      }
      throw translate(failure);
    }
  }

  async scrub(): Promise<void> {
    // Rows deleted by PostgreSQL stay in their pages until vacuumed: vacuum the tables that hold key material.
    if (this.closed) return;
    try {
      await this.pool.query('VACUUM kms_material, kms_import_parameters, kms_keys');
    } catch (err) {
      throw translate(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.coordination.resign().catch(() => undefined);
    await this.pool.end();
  }
}

class PgDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  /** Statement text with `$n` placeholders, and the name it is prepared under on each connection. */
  private readonly prepared = new Map<string, { text: string; name: string }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly tx: AsyncLocalStorage<pg.PoolClient>,
    private readonly runTransaction: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async exec<T = unknown>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[]; changes: number }> {
    const r = await this.query(sql, params);
    return { rows: r.rows as T[], changes: r.rowCount ?? 0 };
  }

  atomic<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.getStore() !== undefined ? fn() : this.runTransaction(fn);
  }

  inTransaction(): boolean {
    return this.tx.getStore() !== undefined;
  }

  private async query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    let stmt = this.prepared.get(sql);
    if (!stmt) {
      let n = 0;
      stmt = { text: sql.replace(/\?/g, () => `$${++n}`), name: `s${this.prepared.size + 1}` };
      this.prepared.set(sql, stmt);
    }
    const client = this.tx.getStore() ?? this.pool;
    try {
      return await client.query({ name: stmt.name, text: stmt.text, values: params as unknown[] });
    } catch (err) {
      // Inside a transaction the error goes up unchanged, so that the transaction can retry a serialization failure.
      if (this.tx.getStore() !== undefined) throw err;
      throw translate(err);
    }
  }
}

/**
 * The scheduler lease: a session-level advisory lock held on a connection of its own. It is released when this
 * instance resigns, or by PostgreSQL as soon as the connection ends (a killed process closes its sockets; a lost
 * machine is noticed by TCP keepalive).
 */
export class PgCoordination implements Coordination {
  private client: pg.Client | undefined;
  private leader = false;
  private acquiring: Promise<boolean> | undefined;

  constructor(
    private readonly config: pg.PoolConfig,
    private readonly pool: pg.Pool,
  ) {}

  isLeader(): boolean {
    return this.leader;
  }

  lead(): Promise<boolean> {
    this.acquiring ??= this.tryLead().finally(() => {
      this.acquiring = undefined;
    });
    return this.acquiring;
  }

  private async tryLead(): Promise<boolean> {
    if (this.leader && this.client) {
      // Still connected? A lock on a dead connection is no lock.
      try {
        await this.client.query('SELECT 1');
        return true;
      } catch {
        this.drop();
      }
    }
    const client = new pg.Client({
      connectionString: this.config.connectionString,
      connectionTimeoutMillis: this.config.connectionTimeoutMillis,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5000,
      application_name: 'logseal-leader',
    });
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    try {
      await client.connect();
      const r = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_SPACE, LEADER_LOCK]);
      if (r.rows[0]?.locked) {
        this.client = client;
        this.leader = true;
        return true;
      }
    } catch {
      // no database: not the leader
    }
    await client.end().catch(() => undefined);
    return false;
  }

  private drop(): void {
    this.leader = false;
    const c = this.client;
    this.client = undefined;
    c?.end().catch(() => undefined);
  }

  async resign(): Promise<void> {
    const c = this.client;
    this.leader = false;
    this.client = undefined;
    if (!c) return;
    try {
      await c.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, LEADER_LOCK]);
    } catch {
      // the connection's end releases it anyway
    }
    await c.end().catch(() => undefined);
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.pool.query('SELECT 1');
      return { ok: true, kind: 'postgres', leader: this.leader };
    } catch (err) {
      return { ok: false, kind: 'postgres', leader: this.leader, detail: translate(err).message };
    }
  }
}

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** Connection failures become StoreUnavailableError; anything else is a fault and goes up unchanged. */
export function translate(err: unknown): Error {
  if (err instanceof StoreUnavailableError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const unavailable =
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up, shutting down)
    code === '53300' || // too_many_connections
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|not queryable/i.test(message);
  if (unavailable) return new StoreUnavailableError(code || message);
  return err instanceof Error ? err : new Error(message);
}
