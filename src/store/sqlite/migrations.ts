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

migrations.push({
  version: 2,
  name: 'kms keys, material, aliases, grants, import parameters',
  sql: `
    CREATE TABLE kms_keys (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      key_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      due_at INTEGER,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, region, key_id)
    ) STRICT;
    CREATE INDEX kms_keys_listing ON kms_keys(account_id, region, seq);
    CREATE INDEX kms_keys_due ON kms_keys(due_at) WHERE due_at IS NOT NULL;
    CREATE TABLE kms_material (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      key_id TEXT NOT NULL,
      material_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      origin TEXT NOT NULL,
      expires_at INTEGER,
      sealed BLOB NOT NULL,
      PRIMARY KEY (account_id, region, key_id, material_id)
    ) STRICT;
    CREATE TABLE kms_aliases (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      alias_name TEXT NOT NULL,
      key_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, region, alias_name)
    ) STRICT;
    CREATE INDEX kms_aliases_by_key ON kms_aliases(account_id, region, key_id);
    CREATE TABLE kms_grants (
      grant_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      key_id TEXT NOT NULL,
      retiring_principal TEXT,
      seq INTEGER NOT NULL,
      doc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX kms_grants_by_key ON kms_grants(account_id, region, key_id, seq);
    CREATE INDEX kms_grants_by_retiring ON kms_grants(region, retiring_principal);
    CREATE TABLE kms_import_parameters (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      key_id TEXT NOT NULL,
      doc TEXT NOT NULL,
      sealed_private_key BLOB NOT NULL,
      PRIMARY KEY (account_id, region, key_id)
    ) STRICT;
  `,
});
