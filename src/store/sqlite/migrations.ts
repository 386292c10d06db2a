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

migrations.push({
  version: 3,
  name: 'cloudwatch logs groups, streams, encrypted chunks, service keys',
  // AUTOINCREMENT: ids are never reused, so a group or stream created again under an old name never inherits the
  // old one's chunks or pagination tokens. Chunks span at most a day, which bounds every time-range index scan.
  // compaction_epoch changes whenever chunks of the group are merged, so a read listing chunks page by page can tell.
  sql: `
    CREATE TABLE log_groups (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      log_group_class TEXT NOT NULL,
      kms_key_arn TEXT,
      retention_days INTEGER,
      deletion_protection INTEGER NOT NULL,
      tags TEXT NOT NULL,
      stored_bytes INTEGER NOT NULL DEFAULT 0,
      compaction_epoch INTEGER NOT NULL DEFAULT 0,
      UNIQUE (account_id, region, name)
    ) STRICT;
    CREATE INDEX log_groups_with_retention ON log_groups(id) WHERE retention_days IS NOT NULL;
    CREATE TABLE log_streams (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      first_event_time INTEGER,
      last_event_time INTEGER,
      last_ingestion_time INTEGER,
      next_seq INTEGER NOT NULL DEFAULT 0,
      UNIQUE (group_id, name)
    ) STRICT;
    CREATE INDEX log_streams_by_last_event ON log_streams(group_id, IFNULL(last_event_time, -1), name);
    CREATE TABLE log_chunks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
      stream_id INTEGER NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
      first_seq INTEGER NOT NULL,
      event_count INTEGER NOT NULL,
      min_time INTEGER NOT NULL,
      max_time INTEGER NOT NULL,
      max_ingestion_time INTEGER NOT NULL,
      raw_bytes INTEGER NOT NULL,
      key_arn TEXT,
      wrapped_key BLOB NOT NULL,
      data BLOB NOT NULL,
      compactable INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX log_chunks_group_min ON log_chunks(group_id, min_time, id);
    CREATE INDEX log_chunks_group_max ON log_chunks(group_id, max_time, id);
    CREATE INDEX log_chunks_stream_min ON log_chunks(stream_id, min_time, id);
    CREATE INDEX log_chunks_stream_max ON log_chunks(stream_id, max_time, id);
    CREATE INDEX log_chunks_compactable ON log_chunks(stream_id, first_seq) WHERE compactable = 1;
    CREATE TABLE log_service_keys (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      sealed BLOB NOT NULL,
      PRIMARY KEY (account_id, region)
    ) STRICT;
  `,
});

migrations.push({
  version: 4,
  name: 'iam users, groups, roles, policies, attachments and sts sessions',
  sql: `
    CREATE TABLE iam_revisions (
      account_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE iam_users (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name_lower TEXT NOT NULL,
      path TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, id),
      UNIQUE (account_id, name_lower)
    ) STRICT;
    CREATE TABLE iam_groups (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name_lower TEXT NOT NULL,
      path TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, id),
      UNIQUE (account_id, name_lower)
    ) STRICT;
    CREATE TABLE iam_roles (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name_lower TEXT NOT NULL,
      path TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, id),
      UNIQUE (account_id, name_lower)
    ) STRICT;
    CREATE TABLE iam_group_members (
      account_id TEXT NOT NULL,
      group_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      PRIMARY KEY (account_id, group_id, user_id)
    ) STRICT;
    CREATE INDEX iam_group_members_by_user ON iam_group_members(account_id, user_id);
    CREATE TABLE iam_inline_policies (
      account_id TEXT NOT NULL,
      owner_kind TEXT NOT NULL CHECK (owner_kind IN ('user', 'group', 'role')),
      owner_id TEXT NOT NULL,
      policy_name TEXT NOT NULL,
      document TEXT NOT NULL,
      PRIMARY KEY (account_id, owner_kind, owner_id, policy_name)
    ) STRICT;
    CREATE TABLE iam_policies (
      account_id TEXT NOT NULL,
      arn TEXT NOT NULL,
      name_lower TEXT NOT NULL,
      path TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, arn),
      UNIQUE (account_id, name_lower)
    ) STRICT;
    CREATE TABLE iam_policy_versions (
      account_id TEXT NOT NULL,
      policy_arn TEXT NOT NULL,
      version_id TEXT NOT NULL,
      document TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, policy_arn, version_id)
    ) STRICT;
    CREATE TABLE iam_attachments (
      account_id TEXT NOT NULL,
      owner_kind TEXT NOT NULL CHECK (owner_kind IN ('user', 'group', 'role')),
      owner_id TEXT NOT NULL,
      policy_arn TEXT NOT NULL,
      PRIMARY KEY (account_id, owner_kind, owner_id, policy_arn)
    ) STRICT;
    CREATE INDEX iam_attachments_by_policy ON iam_attachments(account_id, policy_arn);
    CREATE TABLE iam_sessions (
      access_key_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      principal TEXT NOT NULL,
      sealed_secret BLOB NOT NULL,
      token_hash BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX iam_sessions_by_expiry ON iam_sessions(expires_at);
  `,
});

migrations.push({
  version: 5,
  name: 'cloudwatch logs anomaly detectors with their sealed state',
  // Settings and progress are a JSON document; the columns are what queries select on. The engine state is
  // ciphertext (`state`) with its wrapped data key: nothing of it is stored in plaintext. `revision` makes every
  // write conditional on what the writer read (the scheduler and the operations run concurrently).
  sql: `
    CREATE TABLE anomaly_detectors (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      detector_id TEXT NOT NULL,
      log_group_arn TEXT NOT NULL,
      next_run_at INTEGER,
      revision INTEGER NOT NULL,
      doc TEXT NOT NULL,
      key_arn TEXT,
      wrapped_key BLOB NOT NULL,
      state BLOB NOT NULL,
      UNIQUE (account_id, region, detector_id)
    ) STRICT;
    CREATE INDEX anomaly_detectors_listing ON anomaly_detectors(account_id, region, seq);
    CREATE INDEX anomaly_detectors_by_group ON anomaly_detectors(account_id, region, log_group_arn, seq);
    CREATE INDEX anomaly_detectors_due ON anomaly_detectors(next_run_at, seq) WHERE next_run_at IS NOT NULL;
  `,
});

migrations.push({
  version: 6,
  name: 'cloudwatch logs insights queries, sealed results, query definitions, query-result key',
  // A query's settings and progress are a JSON document; its results are ciphertext with their wrapped data key.
  sql: `
    CREATE TABLE insights_queries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      query_id TEXT NOT NULL,
      status TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      doc TEXT NOT NULL,
      key_arn TEXT,
      wrapped_key BLOB,
      results BLOB,
      UNIQUE (account_id, region, query_id)
    ) STRICT;
    CREATE INDEX insights_queries_listing ON insights_queries(account_id, region, seq);
    CREATE INDEX insights_queries_expiry ON insights_queries(expires_at);
    CREATE TABLE insights_query_definitions (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (account_id, region, id)
    ) STRICT;
    CREATE INDEX insights_query_definitions_by_name ON insights_query_definitions(account_id, region, name, id);
    CREATE TABLE log_metric_filters (
      group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      group_name TEXT NOT NULL,
      filter_name TEXT NOT NULL,
      metric_name TEXT NOT NULL,
      metric_namespace TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (group_id, filter_name)
    ) STRICT;
    CREATE INDEX log_metric_filters_listing ON log_metric_filters(account_id, region, group_name, filter_name);
    CREATE TABLE insights_result_keys (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      key_arn TEXT NOT NULL,
      PRIMARY KEY (account_id, region)
    ) STRICT;
  `,
});

migrations.push({
  version: 7,
  name: 'cloudwatch logs policies of log groups and accounts',
  // Policy documents are configuration, not log data: stored as the caller sent them.
  sql: `
    CREATE TABLE log_policies (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      target TEXT NOT NULL,
      policy_type TEXT NOT NULL,
      policy_name TEXT NOT NULL,
      document TEXT NOT NULL,
      scope TEXT,
      selection_criteria TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, region, target, policy_type, policy_name)
    ) STRICT;
  `,
});

migrations.push({
  version: 8,
  name: 'cloudwatch logs resource policies (account and log group scope)',
  // A log group's policy goes with the group; account policies have no group.
  sql: `
    CREATE TABLE log_resource_policies (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      policy_scope TEXT NOT NULL CHECK (policy_scope IN ('ACCOUNT', 'RESOURCE')),
      policy_key TEXT NOT NULL,
      group_id INTEGER REFERENCES log_groups(id) ON DELETE CASCADE,
      document TEXT NOT NULL,
      revision_id TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, region, policy_scope, policy_key)
    ) STRICT;
    CREATE INDEX log_resource_policies_by_group ON log_resource_policies(group_id) WHERE group_id IS NOT NULL;
  `,
});

migrations.push({
  version: 9,
  name: 'kinesis data streams and their records (sealed)',
  // A record's partition key and data are sealed together (keyring, or a data key of the stream's KMS key):
  // nothing a producer sent is stored in plaintext.
  sql: `
    CREATE TABLE kinesis_streams (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      name TEXT NOT NULL,
      doc TEXT NOT NULL,
      next_seq INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      UNIQUE (account_id, region, name)
    ) STRICT;
    CREATE TABLE kinesis_records (
      stream_id INTEGER NOT NULL REFERENCES kinesis_streams(id) ON DELETE CASCADE,
      shard INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      arrival INTEGER NOT NULL,
      key_arn TEXT,
      wrapped_key BLOB,
      data BLOB NOT NULL,
      PRIMARY KEY (stream_id, shard, seq)
    ) STRICT;
    CREATE INDEX kinesis_records_arrival ON kinesis_records(arrival);
  `,
});

migrations.push({
  version: 10,
  name: 'cloudwatch logs subscription filters, destinations and the delivery outbox',
  // An outbox entry holds a copy of its chunk as stored (encrypted under the same data key): compaction and retention
  // may rewrite or drop the chunk before delivery, and the outbox never holds plaintext.
  sql: `
    CREATE TABLE log_subscription_filters (
      group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      group_name TEXT NOT NULL,
      filter_name TEXT NOT NULL,
      doc TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (group_id, filter_name)
    ) STRICT;
    CREATE INDEX log_subscription_filters_listing ON log_subscription_filters(account_id, region, group_name, filter_name);
    CREATE TABLE log_destinations (
      account_id TEXT NOT NULL,
      region TEXT NOT NULL,
      name TEXT NOT NULL,
      doc TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, region, name)
    ) STRICT;
    CREATE TABLE log_subscription_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
      stream_id INTEGER NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
      first_seq INTEGER NOT NULL,
      event_count INTEGER NOT NULL,
      key_arn TEXT,
      wrapped_key BLOB NOT NULL,
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `,
});

migrations.push({
  version: 11,
  name: 'cloudwatch logs live tail: chunks of a group by id',
  // Live Tail sessions read each group's chunks newer than the last one they saw.
  sql: `
    CREATE INDEX log_chunks_group_id ON log_chunks(group_id, id);
  `,
});

/**
 * Several processes on one SQLite file (`logseal serve --workers N`). `change_epoch` counts changes to what processes
 * keep in memory (access keys, KMS keys, material, aliases, grants, IAM users and roles): triggers bump it in the
 * writing transaction, and a process drops its cached copies when it reads another value (`SqliteChangeEpoch`).
 * `scheduler_lease` names the one process that runs the scheduled jobs (`SqliteLease`).
 */
const epochTables = ['accounts', 'access_keys', 'kms_keys', 'kms_material', 'kms_aliases', 'kms_grants', 'iam_users', 'iam_roles'];
migrations.push({
  version: 12,
  name: 'change epoch and scheduler lease for several processes on one file',
  sql: `
    CREATE TABLE change_epoch (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      n INTEGER NOT NULL
    ) STRICT;
    INSERT INTO change_epoch (id, n) VALUES (1, 0);
    CREATE TABLE scheduler_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      holder TEXT NOT NULL,
      pid INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    ${epochTables
      .flatMap((t) =>
        ['INSERT', 'UPDATE', 'DELETE'].map(
          (op) => `CREATE TRIGGER ${t}_${op.toLowerCase()}_epoch AFTER ${op} ON ${t} BEGIN UPDATE change_epoch SET n = n + 1 WHERE id = 1; END;`,
        ),
      )
      .join('\n    ')}
  `,
});

/**
 * Chunk sketches (decision 0024): a sealed trigram sketch per chunk, read before its body. A table of their own
 * rather than a column of `log_chunks`: a column added there comes after the body in each row, and reading a column
 * past a large BLOB makes SQLite walk the body's overflow pages, which is what the sketch is meant to avoid. Chunks
 * written before have no row and are always read.
 */
migrations.push({
  version: 13,
  name: 'cloudwatch logs chunk sketches',
  sql: `
    CREATE TABLE log_chunk_sketches (
      chunk_id INTEGER PRIMARY KEY REFERENCES log_chunks(id) ON DELETE CASCADE,
      sketch BLOB NOT NULL
    ) STRICT;
  `,
});
