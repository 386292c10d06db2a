/**
 * SQLite schema, as an ordered list of migrations. A migration is applied once, in its own transaction, and recorded
 * in `schema_migrations`. Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts and access keys',
    sql: `
      CREATE TABLE meta (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
      CREATE TABLE accounts (
        account_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE access_keys (
        access_key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        principal_arn TEXT NOT NULL,
        principal_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
        created_at INTEGER NOT NULL,
        sealed_secret BLOB NOT NULL
      ) STRICT;
      CREATE INDEX access_keys_by_principal ON access_keys(account_id, principal_arn);
    `,
  },
];
