import { sqliteDialect, type SqlDriver } from '../sql/driver.js';
import type { SqliteStore } from './sqliteStore.js';

/**
 * The SQL stores' driver over the SQLite adapter (its reader and writer connections, its transactions), so that a
 * store written once in `src/store/sql/` serves SQLite too. The existing SQLite stores are hand-written synchronous
 * ones (the default path's latency depends on them); new storage areas can use this instead.
 */
export class SqliteSqlDriver implements SqlDriver {
  readonly dialect = sqliteDialect;

  constructor(
    private readonly s: SqliteStore,
    readonly shared = false,
  ) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.s.readStmt(sql).all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.s.readStmt(sql).get(...params) as T | undefined;
  }

  async exec<T = unknown>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[]; changes: number }> {
    return this.s.write((p) => {
      const stmt = p(sql);
      if (stmt.reader) {
        // A write with RETURNING: one row per row written.
        const rows = stmt.all(...params) as T[];
        return { rows, changes: rows.length };
      }
      return { rows: [], changes: stmt.run(...params).changes };
    });
  }

  atomic<T>(fn: () => Promise<T>): Promise<T> {
    return this.s.transaction(fn);
  }

  inTransaction(): boolean {
    return this.s.inTransaction();
  }
}
