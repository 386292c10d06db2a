/**
 * What the SQL stores (`src/store/sql/`) need from a database: a few async calls and the handful of places where
 * SQLite and PostgreSQL spell things differently. A store written against this runs on both adapters, so storage
 * added for a new area is written once. Statements use `?` placeholders (the PostgreSQL driver numbers them).
 *
 * Portable SQL used by the stores: `ON CONFLICT … DO NOTHING / DO UPDATE SET x = excluded.x`, `RETURNING`, row-value
 * comparisons `(a, b) > (?, ?)`, `COALESCE`, `substr`. Integers are bound and read as JS numbers (BIGINT columns
 * are parsed to numbers by the PostgreSQL driver); booleans are stored as 0/1; binary values are Buffers.
 */
export interface SqlDriver {
  readonly dialect: Dialect;
  /** Other processes use the same database (PostgreSQL always; SQLite under `logseal serve --workers N`). */
  readonly shared?: boolean;
  /** Rows of a read; inside a transaction it sees that transaction's writes. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a write (joining the current transaction, else on its own); its RETURNING rows and the rows changed. */
  exec<T = unknown>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[]; changes: number }>;
  /** Runs `fn` in the current transaction, or in a new one when there is none: its writes happen together or not at all. */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the caller runs inside a transaction (reads may then lock what they will change). */
  inTransaction(): boolean;
}

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** `col IN (…)` over a list of integers (or texts) bound as one parameter (`inListValue` makes that parameter). */
  inList(col: string, type?: 'int' | 'text'): string;
  inListValue(values: readonly (number | string)[]): unknown;
  /** The smaller / larger of two values (SQLite's scalar MIN/MAX, PostgreSQL's LEAST/GREATEST). */
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  /** True when `col` contains the bound string. */
  contains(col: string): string;
  /** A text field of a JSON document column. */
  jsonText(col: string, field: string): string;
  /** The next value of a table's ordering sequence (ids that never repeat and grow with insertion). */
  nextSeq(table: string): string;
  /** The column that orders rows by insertion (SQLite's rowid; a BIGSERIAL `seq` on PostgreSQL). */
  readonly insertionOrder: string;
  /** Appended to a read of a row the transaction will change: locks it against concurrent writers (PostgreSQL). */
  readonly forUpdate: string;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  inList: (col) => `${col} IN (SELECT value FROM json_each(?))`,
  inListValue: (values) => JSON.stringify(values),
  least: (a, b) => `MIN(${a}, ${b})`,
  greatest: (a, b) => `MAX(${a}, ${b})`,
  contains: (col) => `instr(${col}, ?) > 0`,
  jsonText: (col, field) => `json_extract(${col}, '$.${field}')`,
  nextSeq: (table) => `(SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table})`,
  insertionOrder: 'rowid',
  forUpdate: '',
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  inList: (col, type = 'int') => `${col} = ANY(?::${type === 'int' ? 'bigint' : 'text'}[])`,
  inListValue: (values) => values,
  least: (a, b) => `LEAST(${a}, ${b})`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  contains: (col) => `strpos(${col}, ?) > 0`,
  jsonText: (col, field) => `(${col}::json ->> '${field}')`,
  nextSeq: (table) => `nextval('${table}_seq')`,
  insertionOrder: 'seq',
  forUpdate: ' FOR UPDATE',
};

export interface Page<T> {
  items: T[];
  next?: string;
}

export function page<R, T>(rows: R[], limit: number, map: (r: R) => T, marker: (r: R) => string): Page<T> {
  if (rows.length <= limit) return { items: rows.map(map) };
  const kept = rows.slice(0, limit);
  return { items: kept.map(map), next: marker(kept[kept.length - 1]!) };
}
