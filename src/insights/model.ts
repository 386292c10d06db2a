/** What the Insights store keeps: queries (their results sealed), saved query definitions, metric filters. */

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

export interface QueryStatisticsRecord {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
  logGroupsScanned: number;
}

export interface QueryRecord {
  accountId: string;
  region: string;
  queryId: string;
  queryString: string;
  queryLanguage: string;
  /** Names of the groups queried (in the caller's account and region). */
  logGroupNames: string[];
  startTime: number;
  endTime: number;
  limit?: number;
  status: QueryStatus;
  createTime: number;
  /** ms the query ran, once it ended. */
  queryDuration?: number;
  statistics: QueryStatisticsRecord;
  /** The caller's ARN. */
  userIdentity: string;
  /** When the query and its results are deleted (ms). */
  expiresAt: number;
  /** Why a query failed (shown by the console, never part of an AWS answer). */
  error?: string;
}

/** Results encrypted under a data key from the query-result key (or the service-owned key). */
export interface SealedResults {
  /** The customer key; undefined for the service-owned key. */
  keyArn?: string;
  wrappedKey: Buffer;
  data: Buffer;
}

export interface QueryListQuery {
  logGroupName?: string;
  status?: QueryStatus;
  limit: number;
  /** `next` of the previous page. */
  after?: string;
}

export interface QueryDefinitionRecord {
  accountId: string;
  region: string;
  queryDefinitionId: string;
  name: string;
  queryString: string;
  queryLanguage: string;
  logGroupNames: string[];
  lastModified: number;
}

export interface DefinitionListQuery {
  prefix?: string;
  limit: number;
  after?: string;
}

export interface MetricTransformationRecord {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRecord {
  groupId: number;
  accountId: string;
  region: string;
  logGroupName: string;
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationRecord[];
  creationTime: number;
  applyOnTransformedLogs: boolean;
}
