/**
 * CloudWatch Logs Insights' error messages, worded as AWS sends them where known. Tests assert these exact strings;
 * entries whose AWS wording was not found say so.
 */

/** AWS's quota of concurrent Logs Insights queries per account and region ("You are limited to 100 concurrent …"). */
export const MAX_CONCURRENT_QUERIES = 100;
/** StartQuery's `logGroupNames` / `logGroupIdentifiers` take up to 50 groups. */
export const MAX_QUERY_GROUPS = 50;
/** Query results are kept for 7 days. */
export const RESULT_RETENTION_MS = 7 * 24 * 3_600_000;
/** Queries time out after 60 minutes of runtime. */
export const QUERY_TIMEOUT_MS = 60 * 60_000;
/** AWS's quota of saved query definitions per account and region. */
export const MAX_QUERY_DEFINITIONS = 1000;

export const messages = {
  /** AWS's wording (recorded in client code handling the error). */
  concurrency: (limit: number) => `Account maximum query concurrency limit of [${limit}] reached.`,
  /** AWS's wording was not found. */
  groupsExclusive: 'Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.',
  /** AWS's wording was not found. */
  tooManyGroups: (max: number) => `A query can search at most ${max} log groups.`,
  /** AWS's wording was not found. */
  endBeforeStart: 'endTime must be greater than or equal to startTime.',
  /** AWS's wording was not found. */
  queryNotFound: (id: string) => `Query ${id} does not exist.`,
  /** AWS's wording was not found. */
  queryNotRunning: (id: string, status: string) => `Query ${id} is not running (status: ${status}).`,
  /** AWS's wording was not found. */
  definitionNotFound: 'The specified query definition does not exist.',
  /** AWS's wording was not found. */
  definitionLimit: (max: number) => `You have reached the maximum number of query definitions (${max}).`,
  /** AWS's wording was not found. */
  invalidPointer: 'The specified log record pointer is not valid.',
  /** AWS's wording was not found. */
  unsupportedLanguage: (lang: string) => `Query language ${lang} is not supported; logseal runs CWLI queries.`,
  /** Not AWS's wording (not found): reading results sealed under a key KMS no longer lets CloudWatch Logs use. */
  resultKeyUnavailable: (keyArn: string, queryId: string, cause: string) =>
    `The KMS key ${keyArn} that encrypts the results of query ${queryId} cannot be used: ${cause}`,
  /** AccessDeniedException of AssociateKmsKey for query results: AWS's current wording names the resource ARN. */
  kmsKeyNotAllowedForArn: (arn: string) => `The specified KMS key does not exist or is not allowed to be used with Arn '${arn}'`,
};
