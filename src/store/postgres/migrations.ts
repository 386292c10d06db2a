/**
 * PostgreSQL schema, as an ordered list of migrations (applied once each, under an advisory lock, recorded in
 * `schema_migrations`). Never edit a migration that has shipped: add a new one. New storage is added here and to
 * `src/store/sqlite/migrations.ts` together.
 *
 * Text columns use the "C" collation: names sort and compare by code point (bytes), as in SQLite, whatever the
 * database's locale, so listings and pagination tokens are the same on both adapters.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const T = 'TEXT COLLATE "C"';

export const pgMigrations: Migration[] = [
  {
    version: 1,
    name: 'the whole schema of SQLite migrations 1-5 (accounts, kms, logs, iam, anomaly detectors)',
    sql: `
      CREATE TABLE meta (name ${T} PRIMARY KEY, value BYTEA NOT NULL);
      CREATE TABLE accounts (account_id ${T} PRIMARY KEY, created_at BIGINT NOT NULL);
      CREATE TABLE access_keys (
        access_key_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL REFERENCES accounts(account_id),
        principal_arn ${T} NOT NULL,
        principal_id ${T} NOT NULL,
        status ${T} NOT NULL CHECK (status IN ('Active', 'Inactive')),
        created_at BIGINT NOT NULL,
        sealed_secret BYTEA NOT NULL
      );
      CREATE INDEX access_keys_by_principal ON access_keys(account_id, principal_arn);

      CREATE SEQUENCE kms_keys_seq;
      CREATE TABLE kms_keys (
        account_id ${T} NOT NULL, region ${T} NOT NULL, key_id ${T} NOT NULL,
        seq BIGINT NOT NULL, due_at BIGINT, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, region, key_id)
      );
      CREATE INDEX kms_keys_listing ON kms_keys(account_id, region, seq);
      CREATE INDEX kms_keys_due ON kms_keys(due_at) WHERE due_at IS NOT NULL;
      CREATE TABLE kms_material (
        account_id ${T} NOT NULL, region ${T} NOT NULL, key_id ${T} NOT NULL, material_id ${T} NOT NULL,
        seq BIGSERIAL NOT NULL,
        created_at BIGINT NOT NULL, origin ${T} NOT NULL, expires_at BIGINT, sealed BYTEA NOT NULL,
        PRIMARY KEY (account_id, region, key_id, material_id)
      );
      CREATE TABLE kms_aliases (
        account_id ${T} NOT NULL, region ${T} NOT NULL, alias_name ${T} NOT NULL, key_id ${T} NOT NULL,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, region, alias_name)
      );
      CREATE INDEX kms_aliases_by_key ON kms_aliases(account_id, region, key_id);
      CREATE SEQUENCE kms_grants_seq;
      CREATE TABLE kms_grants (
        grant_id ${T} PRIMARY KEY,
        account_id ${T} NOT NULL, region ${T} NOT NULL, key_id ${T} NOT NULL,
        retiring_principal ${T}, seq BIGINT NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX kms_grants_by_key ON kms_grants(account_id, region, key_id, seq);
      CREATE INDEX kms_grants_by_retiring ON kms_grants(region, retiring_principal);
      CREATE TABLE kms_import_parameters (
        account_id ${T} NOT NULL, region ${T} NOT NULL, key_id ${T} NOT NULL,
        doc TEXT NOT NULL, sealed_private_key BYTEA NOT NULL,
        PRIMARY KEY (account_id, region, key_id)
      );

      CREATE TABLE log_groups (
        id BIGSERIAL PRIMARY KEY,
        account_id ${T} NOT NULL, region ${T} NOT NULL, name ${T} NOT NULL,
        created_at BIGINT NOT NULL, log_group_class ${T} NOT NULL, kms_key_arn ${T}, retention_days INTEGER,
        deletion_protection INTEGER NOT NULL, tags TEXT NOT NULL,
        stored_bytes BIGINT NOT NULL DEFAULT 0, compaction_epoch BIGINT NOT NULL DEFAULT 0,
        UNIQUE (account_id, region, name)
      );
      CREATE INDEX log_groups_with_retention ON log_groups(id) WHERE retention_days IS NOT NULL;
      CREATE TABLE log_streams (
        id BIGSERIAL PRIMARY KEY,
        group_id BIGINT NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        name ${T} NOT NULL, created_at BIGINT NOT NULL,
        first_event_time BIGINT, last_event_time BIGINT, last_ingestion_time BIGINT,
        next_seq BIGINT NOT NULL DEFAULT 0,
        UNIQUE (group_id, name)
      );
      CREATE INDEX log_streams_by_last_event ON log_streams(group_id, (COALESCE(last_event_time, -1)), name);
      CREATE TABLE log_chunks (
        id BIGSERIAL PRIMARY KEY,
        group_id BIGINT NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        stream_id BIGINT NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
        first_seq BIGINT NOT NULL, event_count INTEGER NOT NULL,
        min_time BIGINT NOT NULL, max_time BIGINT NOT NULL, max_ingestion_time BIGINT NOT NULL,
        raw_bytes BIGINT NOT NULL, key_arn ${T}, wrapped_key BYTEA NOT NULL, compactable INTEGER NOT NULL
      );
      CREATE INDEX log_chunks_group_min ON log_chunks(group_id, min_time, id);
      CREATE INDEX log_chunks_group_max ON log_chunks(group_id, max_time, id);
      CREATE INDEX log_chunks_stream_min ON log_chunks(stream_id, min_time, id);
      CREATE INDEX log_chunks_stream_max ON log_chunks(stream_id, max_time, id);
      CREATE INDEX log_chunks_compactable ON log_chunks(stream_id, first_seq) WHERE compactable = 1;
      -- Chunk bodies are compressed and encrypted: TOAST compression would gain nothing, so they are stored
      -- out of line uncompressed (EXTERNAL).
      CREATE TABLE log_chunk_bodies (
        chunk_id BIGINT PRIMARY KEY REFERENCES log_chunks(id) ON DELETE CASCADE,
        data BYTEA NOT NULL
      );
      ALTER TABLE log_chunk_bodies ALTER COLUMN data SET STORAGE EXTERNAL;
      CREATE TABLE log_service_keys (
        account_id ${T} NOT NULL, region ${T} NOT NULL, sealed BYTEA NOT NULL,
        PRIMARY KEY (account_id, region)
      );

      CREATE TABLE iam_revisions (account_id ${T} PRIMARY KEY, revision BIGINT NOT NULL);
      CREATE TABLE iam_users (
        account_id ${T} NOT NULL, id ${T} NOT NULL, name_lower ${T} NOT NULL, path ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, id), UNIQUE (account_id, name_lower)
      );
      CREATE TABLE iam_groups (
        account_id ${T} NOT NULL, id ${T} NOT NULL, name_lower ${T} NOT NULL, path ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, id), UNIQUE (account_id, name_lower)
      );
      CREATE TABLE iam_roles (
        account_id ${T} NOT NULL, id ${T} NOT NULL, name_lower ${T} NOT NULL, path ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, id), UNIQUE (account_id, name_lower)
      );
      CREATE TABLE iam_group_members (
        account_id ${T} NOT NULL, group_id ${T} NOT NULL, user_id ${T} NOT NULL,
        PRIMARY KEY (account_id, group_id, user_id)
      );
      CREATE INDEX iam_group_members_by_user ON iam_group_members(account_id, user_id);
      CREATE TABLE iam_inline_policies (
        account_id ${T} NOT NULL, owner_kind ${T} NOT NULL CHECK (owner_kind IN ('user', 'group', 'role')),
        owner_id ${T} NOT NULL, policy_name ${T} NOT NULL, document TEXT NOT NULL,
        PRIMARY KEY (account_id, owner_kind, owner_id, policy_name)
      );
      CREATE TABLE iam_policies (
        account_id ${T} NOT NULL, arn ${T} NOT NULL, name_lower ${T} NOT NULL, path ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, arn), UNIQUE (account_id, name_lower)
      );
      CREATE TABLE iam_policy_versions (
        account_id ${T} NOT NULL, policy_arn ${T} NOT NULL, version_id ${T} NOT NULL,
        seq BIGSERIAL NOT NULL, document TEXT NOT NULL, created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, policy_arn, version_id)
      );
      CREATE TABLE iam_attachments (
        account_id ${T} NOT NULL, owner_kind ${T} NOT NULL CHECK (owner_kind IN ('user', 'group', 'role')),
        owner_id ${T} NOT NULL, policy_arn ${T} NOT NULL, seq BIGSERIAL NOT NULL,
        PRIMARY KEY (account_id, owner_kind, owner_id, policy_arn)
      );
      CREATE INDEX iam_attachments_by_policy ON iam_attachments(account_id, policy_arn);
      CREATE TABLE iam_sessions (
        access_key_id ${T} PRIMARY KEY, account_id ${T} NOT NULL, principal TEXT NOT NULL,
        sealed_secret BYTEA NOT NULL, token_hash BYTEA NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL
      );
      CREATE INDEX iam_sessions_by_expiry ON iam_sessions(expires_at);

      CREATE TABLE anomaly_detectors (
        seq BIGSERIAL PRIMARY KEY,
        account_id ${T} NOT NULL, region ${T} NOT NULL, detector_id ${T} NOT NULL, log_group_arn ${T} NOT NULL,
        next_run_at BIGINT, revision BIGINT NOT NULL, doc TEXT NOT NULL, key_arn ${T},
        wrapped_key BYTEA NOT NULL, state BYTEA NOT NULL,
        UNIQUE (account_id, region, detector_id)
      );
      CREATE INDEX anomaly_detectors_listing ON anomaly_detectors(account_id, region, seq);
      CREATE INDEX anomaly_detectors_by_group ON anomaly_detectors(account_id, region, log_group_arn, seq);
      CREATE INDEX anomaly_detectors_due ON anomaly_detectors(next_run_at, seq) WHERE next_run_at IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'cloudwatch logs insights queries, sealed results, query definitions, query-result key, metric filters (SQLite migration 6)',
    sql: `
      CREATE TABLE insights_queries (
        seq BIGSERIAL PRIMARY KEY,
        account_id ${T} NOT NULL, region ${T} NOT NULL, query_id ${T} NOT NULL, status ${T} NOT NULL,
        expires_at BIGINT NOT NULL, doc TEXT NOT NULL, key_arn ${T}, wrapped_key BYTEA, results BYTEA,
        UNIQUE (account_id, region, query_id)
      );
      ALTER TABLE insights_queries ALTER COLUMN results SET STORAGE EXTERNAL;
      CREATE INDEX insights_queries_listing ON insights_queries(account_id, region, seq);
      CREATE INDEX insights_queries_expiry ON insights_queries(expires_at);
      CREATE TABLE insights_query_definitions (
        account_id ${T} NOT NULL, region ${T} NOT NULL, id ${T} NOT NULL, name ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (account_id, region, id)
      );
      CREATE INDEX insights_query_definitions_by_name ON insights_query_definitions(account_id, region, name, id);
      CREATE TABLE log_metric_filters (
        group_id BIGINT NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        account_id ${T} NOT NULL, region ${T} NOT NULL, group_name ${T} NOT NULL, filter_name ${T} NOT NULL,
        metric_name ${T} NOT NULL, metric_namespace ${T} NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (group_id, filter_name)
      );
      CREATE INDEX log_metric_filters_listing ON log_metric_filters(account_id, region, group_name, filter_name);
      CREATE TABLE insights_result_keys (
        account_id ${T} NOT NULL, region ${T} NOT NULL, key_arn ${T} NOT NULL,
        PRIMARY KEY (account_id, region)
      );
    `,
  },
  {
    version: 3,
    name: 'cloudwatch logs policies of log groups and accounts (SQLite migration 7)',
    sql: `
      CREATE TABLE log_policies (
        account_id ${T} NOT NULL, region ${T} NOT NULL, target ${T} NOT NULL, policy_type ${T} NOT NULL,
        policy_name ${T} NOT NULL, document TEXT NOT NULL, scope ${T}, selection_criteria TEXT,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, region, target, policy_type, policy_name)
      );
    `,
  },
  {
    version: 4,
    name: 'cloudwatch logs resource policies (SQLite migration 8)',
    sql: `
      CREATE TABLE log_resource_policies (
        account_id ${T} NOT NULL, region ${T} NOT NULL,
        policy_scope ${T} NOT NULL CHECK (policy_scope IN ('ACCOUNT', 'RESOURCE')), policy_key ${T} NOT NULL,
        group_id BIGINT REFERENCES log_groups(id) ON DELETE CASCADE,
        document TEXT NOT NULL, revision_id ${T}, updated_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, region, policy_scope, policy_key)
      );
      CREATE INDEX log_resource_policies_by_group ON log_resource_policies(group_id) WHERE group_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'kinesis data streams and their records, sealed (SQLite migration 9)',
    sql: `
      CREATE TABLE kinesis_streams (
        id BIGSERIAL PRIMARY KEY,
        account_id ${T} NOT NULL, region ${T} NOT NULL, name ${T} NOT NULL, doc TEXT NOT NULL,
        next_seq BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL,
        UNIQUE (account_id, region, name)
      );
      CREATE TABLE kinesis_records (
        stream_id BIGINT NOT NULL REFERENCES kinesis_streams(id) ON DELETE CASCADE,
        shard INTEGER NOT NULL, seq BIGINT NOT NULL, arrival BIGINT NOT NULL,
        key_arn ${T}, wrapped_key BYTEA, data BYTEA NOT NULL,
        PRIMARY KEY (stream_id, shard, seq)
      );
      CREATE INDEX kinesis_records_arrival ON kinesis_records(arrival);
    `,
  },
  {
    version: 6,
    name: 'cloudwatch logs subscription filters, destinations and the delivery outbox (SQLite migration 10)',
    sql: `
      CREATE TABLE log_subscription_filters (
        group_id BIGINT NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        account_id ${T} NOT NULL, region ${T} NOT NULL, group_name ${T} NOT NULL, filter_name ${T} NOT NULL,
        doc TEXT NOT NULL, created_at BIGINT NOT NULL,
        PRIMARY KEY (group_id, filter_name)
      );
      CREATE INDEX log_subscription_filters_listing ON log_subscription_filters(account_id, region, group_name, filter_name);
      CREATE TABLE log_destinations (
        account_id ${T} NOT NULL, region ${T} NOT NULL, name ${T} NOT NULL, doc TEXT NOT NULL, created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, region, name)
      );
      CREATE TABLE log_subscription_outbox (
        id BIGSERIAL PRIMARY KEY,
        group_id BIGINT NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        stream_id BIGINT NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
        first_seq BIGINT NOT NULL, event_count INTEGER NOT NULL, key_arn ${T}, wrapped_key BYTEA NOT NULL, data BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 7,
    name: 'cloudwatch logs live tail: chunks of a group by id (SQLite migration 11)',
    sql: `
      CREATE INDEX log_chunks_group_id ON log_chunks(group_id, id);
    `,
  },
  {
    version: 8,
    name: 'cloudwatch logs chunk sketches (SQLite migration 13)',
    // In the index row: bodies are in log_chunk_bodies already, so listing heads never reads them. NULL for chunks
    // written before sketches (always read). Sealed bytes do not compress: stored as they are.
    sql: `
      ALTER TABLE log_chunks ADD COLUMN sketch BYTEA;
      ALTER TABLE log_chunks ALTER COLUMN sketch SET STORAGE EXTERNAL;
    `,
  },
];
