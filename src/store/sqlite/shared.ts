import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ChangeFeed, Coordination, StoreHealth } from '../types.js';

/**
 * What several processes serving one SQLite file (`logseal serve --workers N`, ADR 0022) agree on: which one runs
 * the scheduled jobs (a lease row), and when cached copies of shared state must be dropped (a change counter).
 */

/** How long a lease lasts without renewal. The holder renews it at every check (every 5 s by default). */
export const SQLITE_LEASE_TTL_MS = 15_000;

export interface LeaseDb {
  /** Runs `fn` in an immediate write transaction of the store (the one writer at a time). */
  write<T>(fn: (prepare: (sql: string) => Database.Statement) => T): Promise<T>;
  /** A prepared statement on the reading connection. */
  readStmt(sql: string): Database.Statement;
}

/**
 * The scheduler lease on SQLite: one row naming the holder (a random token and its pid) and when the lease runs out.
 * A process takes it when it is free, expired, or held by a pid that no longer exists on this machine (a SQLite file
 * is only ever served by processes of one machine, so a killed leader is replaced at the next check, not after the
 * TTL). Resigning deletes the row.
 */
export class SqliteLease implements Coordination {
  private readonly holder = randomBytes(12).toString('hex');
  private leading = false;

  constructor(
    private readonly db: LeaseDb,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SQLITE_LEASE_TTL_MS,
  ) {}

  async lead(): Promise<boolean> {
    const now = this.now();
    const heldElsewhere = (row: LeaseRow | undefined) => row !== undefined && row.holder !== this.holder && row.expires_at > now && processAlive(row.pid);
    // A follower looks on the reading connection first: no write lock is taken while another process holds the lease.
    if (heldElsewhere(this.db.readStmt(LEASE_ROW).get() as LeaseRow | undefined)) {
      this.leading = false;
      return false;
    }
    this.leading = await this.db.write((p) => {
      if (heldElsewhere(p(LEASE_ROW).get() as LeaseRow | undefined)) return false;
      p(
        `INSERT INTO scheduler_lease (id, holder, pid, expires_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, expires_at = excluded.expires_at`,
      ).run(this.holder, process.pid, now + this.ttlMs);
      return true;
    });
    return this.leading;
  }

  isLeader(): boolean {
    return this.leading;
  }

  async resign(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.db.write((p) => p('DELETE FROM scheduler_lease WHERE id = 1 AND holder = ?').run(this.holder));
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.readStmt('SELECT 1').get();
      return { ok: true, kind: 'sqlite', leader: this.leading };
    } catch (err) {
      return { ok: false, kind: 'sqlite', leader: this.leading, detail: err instanceof Error ? err.message : String(err) };
    }
  }
}

const LEASE_ROW = 'SELECT holder, pid, expires_at FROM scheduler_lease WHERE id = 1';

interface LeaseRow {
  holder: string;
  pid: number;
  expires_at: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The change counter of a SQLite file shared by several processes (triggers of migration 12 bump it in every
 * transaction that changes a cached table). Reading it is one indexed read on the reading connection; the value is
 * kept until the next microtask checkpoint, so the lookups of one synchronous stretch of a request share one read,
 * while a request that starts after another process answered its change reads the new value.
 */
export class SqliteChangeEpoch implements ChangeFeed {
  private last: number | undefined;
  private memo: number | undefined;
  private readonly listeners: ((epoch: number) => void)[] = [];

  constructor(private readonly read: () => number) {}

  current(): number {
    if (this.memo !== undefined) return this.memo;
    const n = this.read();
    this.memo = n;
    queueMicrotask(() => {
      this.memo = undefined;
    });
    if (this.last !== undefined && n !== this.last) for (const l of this.listeners) l(n);
    this.last = n;
    return n;
  }

  onChange(listener: (epoch: number) => void): void {
    this.listeners.push(listener);
  }
}
